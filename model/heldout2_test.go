package model

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The second held-out set: thirteen articles under testdata/heldout2, in the
// voices of different outlets across February–December 2025, written and
// labelled by analyst judgement by an evaluator who had not read the topics
// file, the reference rules, the tagger or either earlier labelled set. The
// labels were fixed before the tagger was run. It logs precision and recall
// per mission topic, and fails only when pooled precision drops below 0.80.

var heldout2Labels = map[string][]heldoutLabel{
	"2025-02-17_reuters-reassurance-force.txt": {
		{"title", "SEC"},
		{"were divided over whether to put troops on the ground", "SEC"},
		{"prepared to consider deploying British forces", "SEC"},
		{"A US security guarantee is the only way", "SEC"},
		{"Olaf Scholz said he was \"irritated\"", "SEC"},
		{"Tusk said Warsaw would not send soldiers", "SEC"},
		{"any peacekeepers sent to Ukraine should not be covered by Article 5", "SEC TER"},
		{"Hegseth's remarks, which also ruled out NATO membership", "SEC"},
		{"Diplomats said options under discussion ranged from a force", "SEC"},
		{"Russia had launched 143 drones overnight", ""},
		{"officials are due to meet in Riyadh", ""},
	},
	"2025-04-30_ap-minerals-signed.txt": {
		{"title", "MIN"},
		{"standfirst", "MIN"},
		{"signed an agreement Wednesday that gives Washington access", "MIN"},
		{"Bessent said the pact signals", "MIN"},
		{"who flew to Washington to sign the document", "MIN"},
		{"Kyiv will put 50% of future revenues", "MIN"},
		{"the text does not treat past U.S. military aid as a debt", "MIN"},
		{"The agreement does not contain explicit security guarantees", "SEC MIN"},
		{"Ukraine holds deposits of lithium, graphite and titanium", "MIN"},
		{"The deal still needs to be ratified", "MIN"},
		{"Russian strikes on the southern city of Zaporizhzhia", ""},
		{"Moscow said it was ready for direct talks", ""},
	},
	"2025-10-23_ft-reparations-loan.txt": {
		{"title", "FRZ"},
		{"standfirst", "FRZ"},
		{"failed on Thursday to agree to use immobilised Russian central bank reserves", "FRZ"},
		{"mutualise the risk", "FRZ"},
		{"The so-called reparations loan would allow", "FRZ"},
		{"working on the scheme since September", "FRZ"},
		{"De Wever fears that Russia could retaliate", "FRZ"},
		{"The summit conclusions were watered down", "FRZ"},
		{"Nobody expected a final yes today", "FRZ"},
		{"leaders agreed a 19th package of sanctions", ""},
		{"The package also targets more vessels", ""},
		{"make a decision on the full use of Russian assets", "FRZ"},
	},
	"2025-08-19_kyivindependent-donbas.txt": {
		{"title", "TER"},
		{"standfirst", "TER"},
		{"Russia's demand that Ukraine withdraw from the rest of Donetsk Oblast", "TER"},
		{"would freeze the front in Zaporizhzhia and Kherson", "TER"},
		{"Ukraine holds roughly 25% of Donetsk Oblast", "TER"},
		{"We will not give our land to the occupier", "TER"},
		{"64-year-old pensioner Liudmyla", "TER"},
		{"Land for peace here means giving away the fortress belt", "TER"},
		{"Russian forces have meanwhile pushed forward near Dobropillia", ""},
		{"In Sumy Oblast, a Russian drone struck a bus", ""},
		{"must start from the current line of contact", "TER"},
		{"there would be \"some swapping\" of land", "TER"},
	},
	"2025-11-24_bbc-geneva-plan.txt": {
		{"title", ""},
		{"negotiators say they have drawn up an", ""},
		{"would have required Ukraine to withdraw from the parts of the eastern Donetsk region", "TER"},
		{"capping Ukraine's armed forces at 600,000", ""},
		{"Kyiv was offered \"reliable security guarantees\"", "SEC"},
		{"$100bn of frozen Russian funds would be invested", "FRZ"},
		{"European officials reacted angrily to that point", "FRZ"},
		{"Rubio called Sunday's meeting", ""},
		{"the territorial question and the guarantees", "SEC TER"},
		{"Russian strikes on Kharkiv killed four people", ""},
		{"The Kremlin said it had not received any official version", ""},
	},
	"2025-09-04_guardian-coalition-paris.txt": {
		{"title", "SEC"},
		{"standfirst", "SEC"},
		{"Twenty-six countries have formally committed to deploy troops", "SEC"},
		{"Speaking after a meeting in Paris of the so-called coalition", "SEC"},
		{"The troops would not be deployed on the front line", "SEC"},
		{"who attended the meeting in Paris, said it was", "SEC"},
		{"The US role in the plan remains undefined", "SEC"},
		{"Berlin would decide on its participation", "SEC"},
		{"Meloni reiterated that Rome would not send soldiers", "SEC"},
		{"cannot and should not discuss guarantees for Ukraine", "SEC"},
		{"would be \"legitimate targets\" for Russia", "SEC"},
		{"Safe loans programme for weapons purchases", ""},
	},
	"2025-06-10_aljazeera-battlefield.txt": {
		{"title", ""},
		{"standfirst", ""},
		{"entered Ukraine's Dnipropetrovsk region for the first time", ""},
		{"had reached the western border of Donetsk region", ""},
		{"fighting was continuing near the boundary", ""},
		{"Russia launched 479 drones and 20 missiles", ""},
		{"In the southern city of Kherson, Russian shelling", ""},
		{"demanding that Ukraine withdraw its troops from the four regions", "TER"},
		{"Kyiv has rejected the memorandum as an \"ultimatum\"", "TER"},
		{"began the exchange of prisoners under 40", ""},
		{"International Committee of the Red Cross", ""},
		{"maximise its gains on the battlefield", ""},
	},
	"2025-12-19_dw-eu-summit-loan.txt": {
		{"title", "FRZ"},
		{"standfirst", "FRZ"},
		{"after failing to overcome Belgian objections to using immobilized Russian assets", "FRZ"},
		{"The decision, reached in the early hours of Friday", ""},
		{"had proposed a so-called reparations loan", "FRZ"},
		{"insisted on unlimited guarantees", "FRZ"},
		{"said the assets would remain frozen", "FRZ"},
		{"Ukraine will only have to repay the loan if Russia pays reparations", "FRZ"},
		{"welcomed the outcome, saying it would strengthen", ""},
		{"EU-Mercosur trade deal", ""},
		{"Police used water cannon", ""},
	},
	"2025-03-05_politico-rearm.txt": {
		{"title", ""},
		{"standfirst", "SEC"},
		{"unveiled a plan to mobilize up to €800 billion", ""},
		{"The \"ReArm Europe\" plan would let countries", ""},
		{"state guarantees from the European Investment Bank", ""},
		{"The pause in U.S. weapons deliveries", ""},
		{"drafting plans for a \"coalition of the willing\"", "SEC"},
		{"Europe must be ready to put boots on the ground", "SEC"},
		{"the idea of a force was", "SEC"},
		{"Rutte, meanwhile, urged allies", ""},
		{"move nuclear weapons to Polish territory", ""},
		{"Orbán has threatened to veto", ""},
	},
	"2025-08-16_nyt-alaska.txt": {
		{"title", ""},
		// the standfirst (two full sentences) is parsed as body ¶1
		{"The two leaders spoke for nearly three hours", ""},
		{"ended their summit in Alaska on Friday without an agreement", ""},
		{"if Ukraine gave up the remainder of the Donetsk region", "TER"},
		{"accept that Crimea is part of Russia", "TER"},
		{"willing to take part in security guarantees for Ukraine", "SEC"},
		{"There's no deal until there's a deal", ""},
		{"pave the way to peace in Ukraine", ""},
		{"first visit to the United States in a decade", ""},
		{"\"the issue of territory\" could only be discussed", "TER"},
		{"halted a Russian push near the town of Dobropillia", ""},
	},
	"2025-07-30_euronews-fund.txt": {
		{"title", "MIN"},
		{"standfirst", "MIN"},
		{"The investment fund set up by the United States and Ukraine", "MIN"},
		{"managed jointly by the US International Development Finance Corporation", "MIN"},
		{"Both sides have appointed three members to its board", "MIN"},
		{"Dobra lithium deposit", "MIN"},
		{"hope the partnership will draw in private capital", "MIN"},
		{"It is not only about rare earths", "MIN"},
		{"Norway's sovereign wealth fund", ""},
		{"European Flagship Fund for Reconstruction", ""},
		{"providing loan guarantees to Ukrainian small businesses", ""},
		{"many deposits need years of exploration", "MIN"},
	},
	"2025-12-08_afp-london-berlin.txt": {
		{"title", "TER"},
		{"as Washington pressed Kyiv to accept a peace plan that would require it to give up territory", "TER"},
		{"on the question of the Donbas", "TER"},
		{"We definitely do not want to give up anything", "TER"},
		{"could become a demilitarised or \"free economic\" zone", "TER"},
		{"discussed the guarantees that would underpin any ceasefire", "SEC"},
		{"as robust as Article 5", "SEC"},
		{"Merz said he was \"sceptical\"", ""},
		{"finalise the use of immobilised Russian assets", "FRZ"},
		{"homes without power in the Odesa region", ""},
		{"to meet NATO Secretary General Mark Rutte", ""},
	},
	"2025-05-16_reuters-istanbul.txt": {
		{"title", ""},
		{"agreed on Friday to exchange 1,000 prisoners", ""},
		{"The meeting at Istanbul's Dolmabahce Palace", ""},
		{"withdraw from all the territory it still controls in four regions", "TER"},
		{"They demand that we leave Donetsk", "TER"},
		{"Russia's chief negotiator, Vladimir Medinsky", ""},
		{"delegation was led by Defence Minister Rustem Umerov", ""},
		{"struck a bus evacuating civilians in Bilopillia", ""},
		{"preparing a new package of sanctions", ""},
		{"Trump and Putin should meet \"as soon as possible\"", ""},
	},
}

func TestHeldOut2(t *testing.T) {
	tg := defaultTagger(t)
	per := newScores()
	dir := filepath.Join("testdata", "heldout2")
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no held-out articles in %s: %v", dir, err)
	}
	paragraphs, wrong := 0, 0
	for _, path := range files {
		name := filepath.Base(path)
		labels, ok := heldout2Labels[name]
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
		for _, l := range labels {
			if _, ok := heldoutParagraph(counted, l.frag); !ok {
				t.Errorf("%s: no counted paragraph %q", name, l.frag)
			}
		}
		for _, p := range counted {
			i := slices.IndexFunc(labels, func(l heldoutLabel) bool {
				q, ok := heldoutParagraph(counted, l.frag)
				return ok && q.Kind == p.Kind && q.Text == p.Text
			})
			var want []string
			if i >= 0 {
				want = strings.Fields(labels[i].want)
			} else {
				t.Logf("%s: unlabelled %s, scored as none: %.60s", name, p.Kind, p.Text)
			}
			paragraphs++
			got := missionOf(tg, p.Topics)
			slices.Sort(got)
			slices.Sort(want)
			if !score(per, got, want) {
				wrong++
				t.Logf("%s ¶%d %s: got %v, want %v: %.90s", name, p.Index, p.Kind, got, want, p.Text)
			}
		}
	}
	t.Logf("%d articles, %d paragraphs, %d tagged differently from the labels", len(files), paragraphs, wrong)
	all := logScores(t, per)
	if all.precision() < 0.80 {
		t.Errorf("mission precision %.3f, want at least 0.80", all.precision())
	}
}
