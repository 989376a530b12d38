// Package corpusgen writes large deterministic corpora for benchmarks: N
// articles of about 4 KB built from the seed articles' paragraphs, with
// varied dates, titles and file formats.
package corpusgen

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"briefing/model"
	"briefing/seeds"
)

// Write fills dir with n articles. The same n and seed always give the
// same files.
func Write(dir string, n int, seed uint64) error {
	paras, titles, err := pool()
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/500))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		date := start.AddDate(0, 0, r.IntN(365))
		title := fmt.Sprintf("%s (%s, report %d)", titles[r.IntN(len(titles))], date.Format("2 Jan"), i)
		var body strings.Builder
		for body.Len() < 3900 {
			body.WriteString(paras[r.IntN(len(paras))])
			body.WriteString("\n\n")
		}
		var text, name string
		switch i % 3 {
		case 0:
			name = fmt.Sprintf("%05d.txt", i)
			text = fmt.Sprintf(" date %s By Gen Writer %s\n\n%s", date.Format(time.DateOnly), title, body.String())
		case 1:
			name = fmt.Sprintf("%05d.md", i)
			text = fmt.Sprintf("---\ntitle: %q\ndate: %s\nsource: Outlet %d\n---\n\n%s", title, date.Format(time.DateOnly), i%17, body.String())
		default:
			name = fmt.Sprintf("%s_%05d.txt", date.Format(time.DateOnly), i)
			text = title + "\n\n" + strings.ReplaceAll(body.String(), "\n\n", "\n")
		}
		if err := os.WriteFile(filepath.Join(sub, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// pool is every body paragraph and every title of the seeds.
func pool() (paras, titles []string, err error) {
	err = fs.WalkDir(seeds.Articles(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(seeds.Articles(), p)
		if err != nil {
			return err
		}
		a, _, err := model.Parse(p, data)
		if err != nil {
			return err
		}
		titles = append(titles, a.Title)
		for _, para := range a.Paragraphs {
			if para.Kind == model.Body && len(para.Text) > 80 {
				paras = append(paras, para.Text)
			}
		}
		return nil
	})
	return paras, titles, err
}

// LongArticle is one article of about words words, for render benchmarks.
func LongArticle(words int) (string, error) {
	paras, _, err := pool()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("A long article about the peace talks\n\n")
	n := 0
	for i := 0; n < words; i++ {
		p := paras[i%len(paras)]
		n += len(strings.Fields(p))
		b.WriteString(p + "\n\n")
		if i%6 == 5 {
			b.WriteString("A subheading\n\n")
		}
	}
	return b.String(), nil
}
