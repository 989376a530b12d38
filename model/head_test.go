package model

import (
	"strings"
	"testing"
)

func TestCaptionCredits(t *testing.T) {
	for text, want := range map[string]bool{
		"A serviceman walks past a destroyed building in Kostiantynivka, Donetsk region, on Thursday. Oleg Example/AP":    true,
		"Residents queue for water in Kherson after overnight shelling. (Getty Images)":                                   true,
		"Zelensky arrives for talks in Berlin on Monday. (AP Photo/Jane Example)":                                         true,
		"Delegations meet in Geneva. © Reuters":                                                                           true,
		"Rescuers at the site of a strike in Kyiv. Photo: Jane Example":                                                   true,
		"Smoke rises over Pokrovsk on Sunday. Jane Example/REUTERS":                                                       true,
		"Delegates at the summit. Jane Example/Pool via Getty Images (Pool via Getty Images)":                             true,
		"Ukrainian servicemen fire a howitzer near Pokrovsk. REUTERS/Jane Example/File Photo":                             true,
		"Zelensky and Macron in Paris. (Photo by Jane Example/AFP via Getty Images)":                                      true,
		"FILE - Zelenskyy speaks in Kyiv, Ukraine, on Feb. 24, 2025. (AP Photo/Efrem Example, File)":                      true,
		"A memorial in Kyiv. (Photo: Office of the President of Ukraine)":                                                 true,
		"The official said the plan was discussed with Reuters/Ipsos pollsters in mind.":                                  false,
		"The deal was reported by AP and Reuters on Monday, citing officials in Kyiv and Washington.":                     false,
		"Talks ran 24/7 over the weekend, a diplomat said.":                                                               false,
		"Russia controls about 19% of Ukraine (up from 7% before 2022), according to the Institute for the Study of War.": false,
		"The loan, officials said (speaking on condition of anonymity), would be repaid from reparations.":                false,
	} {
		if got := isCaptionText(text); got != want {
			t.Errorf("isCaptionText(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestHead(t *testing.T) {
	tests := []struct {
		name, text       string
		title, firstBody string
		head             []Kind
	}{
		{
			name:      "headline and standfirst",
			text:      "Kyiv and Washington sign minerals deal\n\nThe accord sets up a fund and gives US firms priority in future licensing rounds\n\nUkraine signed the deal on Wednesday.\n",
			title:     "Kyiv and Washington sign minerals deal",
			firstBody: "Ukraine signed the deal",
			head:      []Kind{Title, Standfirst},
		},
		{
			name:      "header line with a headline",
			text:      " date 2025-12-13 By Jane Roe Europeans still working on common stance\n\nPARIS - Talks went on.\n",
			title:     "Europeans still working on common stance",
			firstBody: "PARIS - Talks went on.",
			head:      []Kind{Title},
		},
		{
			name:      "header line that carries the lead",
			text:      " date 2025-11-28 By Jane Roe Russia wants Ukraine to withdraw its troops from the rest of Donetsk, the Kremlin said on Friday. Kyiv refused.\n\nPeskov spoke to reporters.\n",
			title:     "Russia wants Ukraine to withdraw its troops from the rest of Donetsk, the Kremlin said on Friday",
			firstBody: "Russia wants Ukraine to withdraw",
		},
		{
			name:      "no headline: the title is the lead's first sentence, whole",
			text:      "French President Emmanuel Macron has led a European push to influence US-Russia talks on a ceasefire in Ukraine with meetings in Paris on Thursday. They yielded little.\n\nMore talks follow.\n",
			title:     "French President Emmanuel Macron has led a European push to influence US-Russia talks on a ceasefire in Ukraine with meetings in Paris on Thursday",
			firstBody: "French President Emmanuel Macron has led",
		},
	}
	for _, tt := range tests {
		a, _, err := Parse("a.txt", []byte(tt.text))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if a.Title != tt.title {
			t.Errorf("%s: title %q, want %q", tt.name, a.Title, tt.title)
		}
		if len(a.Paragraphs) == 0 || !strings.HasPrefix(a.Paragraphs[0].Text, tt.firstBody) || a.Paragraphs[0].Index != 1 {
			t.Errorf("%s: first body paragraph %+v", tt.name, a.Paragraphs)
		}
		var kinds []Kind
		for _, p := range a.Head {
			kinds = append(kinds, p.Kind)
			if p.Index != 0 {
				t.Errorf("%s: head index %d", tt.name, p.Index)
			}
		}
		if len(kinds) != len(tt.head) || (len(kinds) > 0 && kinds[0] != tt.head[0]) || (len(kinds) > 1 && kinds[1] != tt.head[1]) {
			t.Errorf("%s: head %v, want %v", tt.name, kinds, tt.head)
		}
	}
}

// TestNotCountedKinds: subheadings and captions are shown but never
// counted, never jump targets; the headline is counted but not a jump.
func TestNotCountedKinds(t *testing.T) {
	tg := defaultTagger(t)
	a, _, err := Parse("a.md", []byte("# Security guarantees on the table\n\n## Security guarantees\n\nEnvoys discussed security guarantees for Ukraine.\n\nTroops at a base near Lviv, where security guarantees were discussed. Jane Roe/AP\n"))
	if err != nil {
		t.Fatal(err)
	}
	tg.TagArticle(a)
	if got := a.TopicCounts[0]; got != 2 {
		t.Errorf("security guarantees counted %d times, want 2 (title and body)", got)
	}
	if on := a.ParagraphsOn(0); len(on) != 1 || a.Paragraphs[on[0]].Kind != Body {
		t.Errorf("ParagraphsOn = %v in %+v", on, a.Paragraphs)
	}
	for _, p := range a.Paragraphs {
		if p.Kind == Caption && p.Topics != 0 {
			t.Errorf("caption tagged: %+v", p)
		}
	}
}
