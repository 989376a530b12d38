package render

// Shades fill a timeline cell by how many paragraphs it holds, lightest
// for one paragraph, darkest for the most any cell holds. The app and the
// command line shade alike.
var Shades = [ShadeLevels]string{"░", "▒", "▓", "█"}

// ShadeLevels is how many shades a timeline cell can take.
const ShadeLevels = 4

// ShadeLevel is the shade (an index into Shades) for a cell holding n ≥ 1
// paragraphs when the fullest cell holds most.
func ShadeLevel(n, most int) int {
	if n <= 1 {
		return 0
	}
	return min((n-1)*(ShadeLevels-1)/max(most-1, 1), ShadeLevels-1)
}
