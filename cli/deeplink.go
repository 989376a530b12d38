package cli

import (
	"briefing/model"
)

// findParagraph resolves what show or the app was given: an article (id,
// prefix or path), or a paragraph address ID#pN. para is the paragraph's
// position (0-based; 0 for an article).
func findParagraph(corpus *model.Corpus, ref string) (*model.Article, int, error) {
	if !model.LooksLikeLink(ref) {
		a, err := corpus.Find(ref)
		return a, 0, err
	}
	l, err := model.ParseLink(ref)
	if err != nil {
		return nil, 0, err
	}
	return corpus.Resolve(l)
}

// splitLink takes a paragraph address out of the app's arguments
// (`briefing ID#p12`), so it is not read as a path.
func splitLink(args []string) (link string, paths []string) {
	for _, a := range args {
		if link == "" && model.LooksLikeLink(a) {
			link = a
			continue
		}
		paths = append(paths, a)
	}
	return link, paths
}
