package model

// NearDuplicates runs near-duplicate detection over articles as loading
// does (a signature per article, then the grouping) and returns how many
// articles are in a group, for the benchmark in package model_test.
func NearDuplicates(articles []*Article) int {
	sigs := make([]*signature, len(articles))
	for i, a := range articles {
		sigs[i] = articleSignature(a)
	}
	n := 0
	for _, g := range findDuplicates(articles, sigs) {
		n += len(g)
	}
	return n
}
