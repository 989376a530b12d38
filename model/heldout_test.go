package model

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The held-out set: articles under testdata/heldout, written in the voices
// of different outlets across 2025 by someone who had not read the topics
// file, the reference rules or the development set, and labelled by
// analyst judgement before the tagger was ever run on them. It measures how
// the rules generalise; it fails only when precision drops (see the end),
// and logs recall.
//
// Each label names a counted paragraph by a fragment of its text ("title"
// and "standfirst" for the head) and the mission badges an analyst would
// tag; a counted paragraph with no label is scored as wanting none.

type heldoutLabel struct{ frag, want string }

var heldoutLabels = map[string][]heldoutLabel{
	"2025-02-26_reuters-minerals-framework.txt": {
		{"title", "MIN"},
		{"have agreed on the terms of a draft minerals agreement", "MIN"},
		{"The draft, seen by Reuters, would set up a fund", "MIN"},
		{"It does not include the $500 billion figure", "SEC MIN"},
		{"This is only a framework agreement", "MIN"},
		{"wanted to come to Washington on Friday to sign the accord", "MIN"},
		{"pushed back for weeks against earlier versions of the text", "MIN"},
		{"Ukraine holds deposits of 22 of the 34 minerals", "MIN"},
		{"Kyiv wants any deal to be tied to guarantees", "SEC MIN"},
		{"Separately, Russian drones struck energy infrastructure", ""},
		{"shot down 89 of 177 drones", ""},
	},
	"2025-03-01_ap-oval-office.txt": {
		{"title", "MIN"},
		{"left the White House abruptly on Friday without signing", "MIN"},
		{"The two leaders had been expected to sign the pact", "MIN"},
		{"You're gambling with World War III", ""},
		{"hoping to secure a commitment that the United States would back", "SEC"},
		{"the minerals arrangement itself would act as a kind of protection", "SEC MIN"},
		{"the agreement was \"off the table for now\"", "MIN"},
		{"European leaders rushed to show solidarity", ""},
		{"Democrats in Congress condemned the exchange", ""},
		{"Zelenskyy later told Fox News", ""},
		{"Associated Press writer Hanna Arhirova", ""},
	},
	"2025-05-01_kyivindependent-minerals-signed.txt": {
		{"title", "MIN"},
		{"signed an agreement on April 30 establishing a joint investment fund", "MIN"},
		{"Svyrydenko signed the document in Washington", "MIN"},
		{"Reconstruction Investment Fund will be managed jointly", "MIN"},
		{"Under the terms, Ukraine will contribute 50%", "MIN"},
		{"the text does not require Ukraine to repay", "MIN"},
		{"Ukraine retains full ownership of its subsoil", "MIN"},
		{"Revenues will be reinvested in Ukraine for the first ten years", "MIN"},
		{"The agreement must still be ratified by the Verkhovna Rada", "MIN"},
		{"Bessent described the accord as a signal to Moscow", "MIN"},
		{"much of Ukraine's lithium and rare earth deposits lie near the front line", "MIN"},
		{"Russian forces struck Zaporizhzhia city", ""},
		{"Read also", ""},
	},
	"2025-03-28_guardian-coalition-paris.txt": {
		{"title", "SEC"},
		{"standfirst", "SEC"},
		{"a group of European countries is planning to send a \"reassurance force\"", "SEC"},
		{"Speaking after the meeting of the so-called coalition of the willing", "SEC"},
		{"It is not a force to replace Ukraine's army", "SEC"},
		{"France and Britain will send a joint military delegation", "SEC"},
		{"said the planning was now \"operational\"", "SEC"},
		{"Several leaders, including Italy's Giorgia Meloni", "SEC"},
		{"consensus among the participants that sanctions", ""},
		{"partial ceasefire in the Black Sea", ""},
		{"At home, Macron faces pressure from the far right", ""},
		{"welcomed the plan but said there were \"many questions\"", "SEC"},
	},
	"2025-08-19_bbc-washington-summit.txt": {
		{"title", "SEC"},
		{"the US will be involved in guaranteeing Ukraine's security", "SEC"},
		{"European countries would take the lead", "SEC"},
		{"the guarantees would be worked out \"on paper\"", "SEC"},
		{"would be \"Article 5-like\"", "SEC"},
		{"days after Trump's summit with Vladimir Putin in Alaska", "TER"},
		{"constitution prevents him from giving up land", "TER"},
		{"That remains a difficult prospect", ""},
		{"What happens next?", ""},
		{"would have liked to see a ceasefire before further talks", ""},
		{"residents endured another night of air raid alerts", ""},
		{"Russia's economy is showing signs of strain", ""},
	},
	"2025-10-23_politico-reparations-loan.txt": {
		{"title", "FRZ"},
		{"De Wever demands guarantees that his country", "FRZ"}, // the standfirst, addressed by its text (once read as the lead)
		{"By Gregorio Sorgi", ""},
		{"failed on Thursday to agree on using frozen Russian assets", "FRZ"},
		{"The scheme, championed by European Commission President", "FRZ"},
		{"De Wever fears that Belgium would be left on the hook", "FRZ"},
		{"Instead, leaders agreed only to ask the Commission to present", "FRZ"},
		{"with references to the loan removed at Belgium's insistence", "FRZ"},
		{"who first pushed the idea in September", "FRZ"},
		{"any use of its funds would amount to theft", "FRZ"},
		{"faces a budget gap of around $60 billion", ""},
		{"approved the bloc's 19th package of sanctions", ""},
		{"Russia must pay for this war", "FRZ"},
	},
	"2025-11-21_reuters-28-point-plan.txt": {
		{"title", "TER"},
		{"would require Kyiv to withdraw from the part of the eastern Donetsk region", "TER"},
		{"would receive \"reliable security guarantees\"", "SEC"},
		{"would become a neutral demilitarised buffer zone", "TER"},
		{"In the southern Kherson and Zaporizhzhia regions, the front line would be frozen", "TER"},
		{"$100 billion of frozen Russian assets being invested", "FRZ"},
		{"the proposal on the assets \"reads like it was written in Moscow\"", "FRZ"},
		{"one of the most difficult moments in our history", ""},
		{"wanted an answer from Kyiv by Thanksgiving", ""},
		{"Russia would be reintegrated into the global economy", ""},
		{"captured the village of Zatyshshia", ""},
	},
	"2025-11-24_ap-geneva-talks.txt": {
		{"title", ""},
		{"had drafted an \"updated and refined peace framework\"", ""},
		{"The talks, led by Secretary of State Marco Rubio", ""},
		{"the most productive and meaningful day", ""},
		{"the demand that Kyiv give up the rest of the Donbas", "TER"},
		{"negotiations on territory start from the current line of contact", "TER"},
		{"Russian assets immobilised in Europe should remain frozen", "FRZ"},
		{"a guarantee from the United States that mirrors NATO's Article 5", "SEC"},
		{"had shown \"zero gratitude\"", ""},
		{"a Russian drone attack killed four people", ""},
		{"scaling up winter aid to front-line communities", ""},
	},
	"2025-12-15_guardian-berlin-talks.txt": {
		{"title", "SEC"},
		{"standfirst", "TER"},
		{"security guarantees modelled on Nato's mutual defence clause", "SEC"},
		{"would be put before the Senate for approval", "SEC"},
		{"prepared to abandon its ambition of joining Nato in exchange for such guarantees", "SEC"},
		{"a multinational force led by Europe would help rebuild", "SEC"},
		{"The force would not be deployed along the line of contact", "SEC"},
		{"The status of the Donbas remains the biggest obstacle", "TER"},
		{"We are not giving up our land", "TER"},
		{"would not accept European troops in Ukraine under any circumstances", "SEC"},
		{"set fire to an oil depot in the Krasnodar region", ""},
		{"rolling blackouts would continue", ""},
	},
	"2025-12-19_france24-eu-summit-loan.txt": {
		{"title", "FRZ"},
		{"agreed early on Friday to lend Ukraine €90 billion", "FRZ"},
		{"which had spent months promoting the so-called reparations loan", "FRZ"},
		{"share the legal and financial risks of the scheme", "FRZ"},
		{"We avoided chaos", "FRZ"},
		{"Most of the roughly €210 billion in Russian assets", "FRZ"},
		{"would continue work on the option", "FRZ"},
		{"will not take part in the joint borrowing", ""},
		{"addressed the leaders by video link", ""},
		{"farmers drove tractors into Brussels", ""},
		{"would not sign the Mercosur agreement", ""},
	},
	"2025-07-10_kyivindependent-war-news.txt": {
		{"title", ""},
		{"Russia launched 728 drones and 13 missiles", ""},
		{"The main target was Lutsk", ""},
		{"briefly paused shipments of some air defense interceptors", ""},
		{"about buying Patriot systems", ""},
		{"residents of the city's riverside districts", ""},
		{"European Flagship Fund for Reconstruction of Ukraine", ""},
		{"signed guarantee agreements with Ukrainian banks", ""},
		{"voted to extend martial law", ""},
		{"long-range drones financed by Denmark", ""},
	},
	"2025-09-05_reuters-coalition-26-countries.txt": {
		{"title", "SEC"},
		{"have formally committed to deploy troops to Ukraine", "SEC"},
		{"would be deployed on the ground, at sea or in the air", "SEC"},
		{"role in backing the force would be finalised", "SEC"},
		{"would not send troops to Ukraine itself", "SEC"},
		{"the first such serious concrete step", "SEC"},
		{"would not discuss any foreign military intervention", "SEC"},
		{"an unbreakable commitment", "SEC"},
		{"approved a possible sale of air defence support equipment", ""},
	},
	"2025-05-08_politico-rada-ratifies.txt": {
		{"title", "MIN"},
		{"Lawmakers back the accord by a wide margin", "MIN"}, // the standfirst, addressed by its text (once read as the lead)
		{"ratified the agreement with the United States on the joint reconstruction investment fund", "MIN"},
		{"the first country to sign such a partnership", "MIN"},
		{"the two technical agreements that accompany the deal", "MIN"},
		{"half of the royalties and license fees", "MIN"},
		{"This is a true partnership", "MIN"},
		{"Critics say the pact offers few immediate benefits", "MIN"},
		{"The agreement does not contain security guarantees", "SEC MIN"},
		{"dismiss the head of the Antimonopoly Committee", ""},
	},
	"2025-06-24_bbc-nato-article5-explainer.txt": {
		{"title", ""}, // "What is Nato's Article 5 and has it ever been used?"
		{"the alliance's commitment to collective defence", ""},
		{"Article 5 of the North Atlantic Treaty says", ""},
		{"It does not oblige members to respond with military force", ""},
		{"The clause has been invoked only once", ""},
		{"\"numerous definitions\" of Article 5", ""},
		{"a new target of spending 5% of their GDP", ""},
		{"Article 4, by contrast", ""},
		{"Ukraine is not a member of Nato and so is not covered", ""},
		{"did not mention Ukraine's future membership", ""},
	},
}

// heldoutParagraph finds the counted paragraph a label names.
// firstBody is the first counted body paragraph.
func firstBody(ps []Paragraph) (Paragraph, bool) {
	for _, p := range ps {
		if p.Kind == Body {
			return p, true
		}
	}
	return Paragraph{}, false
}

// A label written when the parser read a standfirst as the lead names it
// by its text: when no body paragraph holds the text, the standfirst may.
func heldoutParagraph(ps []Paragraph, frag string) (Paragraph, bool) {
	for _, p := range ps {
		switch {
		case frag == "title" && p.Kind == Title,
			frag == "standfirst" && p.Kind == Standfirst,
			p.Kind != Title && p.Kind != Standfirst && strings.Contains(p.Text, frag):
			return p, true
		}
	}
	for _, p := range ps {
		if p.Kind == Standfirst && frag != "title" && frag != "standfirst" && strings.Contains(p.Text, frag) {
			return p, true
		}
	}
	return Paragraph{}, false
}

func TestHeldOut(t *testing.T) {
	per := scoreHeldOut(t, "heldout", heldoutLabels)
	all := logScores(t, per)
	// The target is 0.92 on the four mission topics together. Each topic
	// alone is held to 0.85: the set tags only a dozen paragraphs for some
	// topics, where one disputed label moves precision by eight points (TER
	// is 11 of 12, its one false positive a paragraph on minerals "in areas
	// now under Russian occupation", labelled without territory blind).
	if all.precision() < 0.92 {
		t.Errorf("mission precision %.3f, want at least 0.92", all.precision())
	}
	for _, b := range missionBadges {
		if c := per[b]; c.precision() < 0.85 {
			t.Errorf("%s precision %.3f, want at least 0.85", b, c.precision())
		}
	}
}

// scoreHeldOut tags every article in testdata/dir and scores it against
// labels, logging each paragraph tagged otherwise; the caller decides what
// the scores must reach.
func scoreHeldOut(t *testing.T, dir string, labels map[string][]heldoutLabel) map[string]*devCount {
	t.Helper()
	tg := defaultTagger(t)
	per := newScores()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no held-out articles in testdata/%s: %v", dir, err)
	}
	paragraphs, wrong := 0, 0
	for _, path := range files {
		name := filepath.Base(path)
		want, ok := labels[name]
		if !ok {
			t.Errorf("%s: no labels", name)
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a, _, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		tg.TagArticle(a)
		counted := a.Counted()
		want = slices.Clone(want)
		for k, l := range want {
			if _, ok := heldoutParagraph(counted, l.frag); ok {
				continue
			}
			switch {
			case l.frag == "standfirst":
				// The parser took the standfirst for the lead: the label
				// goes to the first body paragraph, which is that line.
				if p, ok := firstBody(counted); ok {
					t.Logf("%s: standfirst not recognised; its label scores the first body paragraph: %.60s", name, p.Text)
					want[k].frag = p.Text
				}
			case l.frag == "title":
				// Joined to the standfirst, or taken for the lead: the
				// paragraph it went into is scored by its own label.
				t.Logf("%s: headline not recognised as a title", name)
			case l.want == "":
				t.Logf("%s: %q is not counted (a caption or credit), labelled with no topic", name, l.frag)
			default:
				t.Errorf("%s: no counted paragraph %q", name, l.frag)
			}
		}
		for _, p := range counted {
			i := slices.IndexFunc(want, func(l heldoutLabel) bool {
				q, ok := heldoutParagraph(counted, l.frag)
				return ok && q.Kind == p.Kind && q.Text == p.Text
			})
			var topics []string
			if i >= 0 {
				topics = strings.Fields(want[i].want)
			} else {
				t.Logf("%s: unlabelled %s, scored as none: %.60s", name, p.Kind, p.Text)
			}
			paragraphs++
			got := missionOf(tg, p.Topics)
			slices.Sort(got)
			slices.Sort(topics)
			if !score(per, got, topics) {
				wrong++
				if os.Getenv("HELDOUT_FULL") != "" {
					var why []string
					for _, r := range p.Reasons(tg.Topics()) {
						why = append(why, r.Text)
					}
					t.Logf("%s ¶%d %s: got %v, want %v: %s\n\t\twhy: %v", name, p.Index, p.Kind, got, topics, p.Text, why)
				} else {
					t.Logf("%s ¶%d %s: got %v, want %v: %.90s", name, p.Index, p.Kind, got, topics, p.Text)
				}
			}
		}
	}
	t.Logf("%d articles, %d paragraphs, %d tagged differently from the labels", len(files), paragraphs, wrong)
	return per
}
