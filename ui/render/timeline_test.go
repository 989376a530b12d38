package render

import "testing"

func TestShadeLevel(t *testing.T) {
	for _, c := range []struct{ n, most, want int }{
		{1, 1, 0}, {1, 7, 0}, {7, 7, 3}, {4, 7, 1}, {5, 7, 2}, {2, 2, 3}, {9, 7, 3}, {0, 3, 0},
	} {
		if got := ShadeLevel(c.n, c.most); got != c.want {
			t.Errorf("ShadeLevel(%d, %d) = %d, want %d", c.n, c.most, got, c.want)
		}
	}
}
