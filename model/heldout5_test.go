package model

import "testing"

// The fifth held-out set: fourteen articles under testdata/heldout5 in the
// voices of Bloomberg, Kyiv Post, Le Monde, Sky News, Axios, Anadolu, NPR,
// The Telegraph, The Times, Meduza and ABC News, written and labelled blind
// by an evaluator who read neither the topics file, the tagger nor any
// earlier set. It was kept sealed while the second round of rules was
// tuned on heldout4, and opened once to measure them (see the closing note
// of issue 11): P 0.97 R 0.87. The third round of rules was then tuned on
// it with heldout1–4 (categories, never sentences), so it is no longer a
// blind measure.

var heldout5Labels = map[string][]heldoutLabel{
	"2025-02-19_bloomberg-minerals-draft.txt": {
		{"title", "MIN"},
		{"standfirst", "SEC MIN"},
		{"refused to sign a US proposal that would hand", "MIN"},
		{"I can't sell our state", "MIN"},
		{"would create a fund controlled by the US", "MIN"},
		{"pushed for any arrangement to be tied to security guarantees", "SEC MIN"},
		{"Investment is itself a guarantee", "SEC MIN"},
		{"dictator without elections", ""},
		{"Much of the mineral wealth at stake lies in the east", "MIN"},
		{"Kyiv has sent back a counterproposal", "MIN"},
		{"Ukrainian bonds fell as much as", "MIN"},
		{"Russia launched 167 drones", ""},
		{"Bessent is expected to keep pushing", "MIN"},
	},
	"2025-03-02_sky-london-summit-coalition.txt": {
		{"title", "SEC"},
		{"standfirst", "SEC"},
		{"will lead a \"coalition of the willing\"", "SEC"},
		{"boots on the ground and planes in the air", "SEC"},
		{"He set out four steps", "SEC"},
		{"This is not a moment for more talk", ""},
		{"The gathering came just two days after", "MIN"},
		{"did not accept that the US was an unreliable ally", "SEC"},
		{"number of countries willing to send troops", "SEC"},
		{"deal for Ukraine to buy more than 5,000", "FRZ"},
		{"floated a one-month truce", ""},
		{"met the King at Sandringham", "MIN"},
		{"Defence sources cautioned that any force", "SEC"},
	},
	"2025-04-23_axios-crimea-recognition.txt": {
		{"title", "TER"},
		{"standfirst", "TER"},
		{"includes formal U.S. recognition of Russian control", "TER"},
		{"Why it matters", "TER"},
		{"Driving the news", ""},
		{"What Russia gets", "TER"},
		{"What Ukraine gets", "SEC TER"},
		{"nuclear power plant would be considered Ukrainian territory", "TER"},
		{"Ukraine will not legally recognize", "TER"},
		{"Trump hit back on Truth Social", "TER"},
		{"Between the lines", "TER"},
		{"The other side", "TER"},
		{"a lower-level meeting in London", ""},
		{"What's next", ""},
	},
	"2025-05-08_kyivpost-rada-ratifies-minerals.txt": {
		{"title", "MIN"},
		{"standfirst", "MIN"},
		{"The Verkhovna Rada on Thursday ratified", "MIN"},
		{"A total of 338 lawmakers", "MIN"},
		{"signed in Washington on April 30 by First Deputy", "MIN"},
		{"Under the terms, Ukraine will contribute", "MIN"},
		{"Washington can count new military assistance", "MIN"},
		{"This is a truly equal agreement", "MIN"},
		{"European Solidarity party", "MIN"},
		{"For the first ten years, profits", "MIN"},
		{"US Embassy in Kyiv welcomed the vote", "MIN"},
		{"document does not contain security guarantees", "SEC MIN"},
		{"Victory Day truce", ""},
		{"exchange diplomatic notes", "MIN"},
	},
	"2025-05-21_lemonde-frozen-assets-debate.txt": {
		{"title", "FRZ"},
		{"standfirst", "FRZ"},
		{"have been sitting in Europe", "FRZ"},
		{"That consensus is beginning to crack", "FRZ"},
		{"We can no longer be satisfied with crumbs", "FRZ"},
		{"The profits are already being used", "FRZ"},
		{"remain opposed to confiscation", "FRZ"},
		{"they will stay immobilized until Russia pays", "FRZ"},
		{"There are other ideas on the table", "FRZ"},
		{"must be renewed unanimously every six months", "FRZ"},
		{"has warned that any seizure would be", "FRZ"},
		{"the issue has also surfaced in the discussions", "FRZ"},
		{"continued to advance slowly in the Donetsk region", ""},
		{"estimated by the IMF", "FRZ"},
	},
	"2025-07-31_anadolu-minerals-fund-first-projects.txt": {
		{"title", "MIN"},
		{"standfirst", "MIN"},
		{"have completed the steps needed to launch", "MIN"},
		{"The fund is now ready to work", "MIN"},
		{"Reconstruction Investment Fund was created under", "MIN"},
		{"three American and three Ukrainian members", "MIN"},
		{"initial priorities would be projects", "MIN"},
		{"preferential rights to invest", "MIN"},
		{"deposits remain unexplored", "MIN"},
		{"Dobra lithium deposit", "MIN"},
		{"killed at least 16 people", ""},
		{"shortened his deadline", ""},
		{"resources pact as a sign of long-term", "MIN"},
	},
	"2025-08-16_npr-alaska-summit-donbas.txt": {
		{"title", "TER"},
		{"standfirst", ""},
		{"go straight to a comprehensive peace agreement", ""},
		{"Trump relayed what Putin had told him", "TER"},
		{"Putin suggested Russia would freeze the front", "TER"},
		{"Ukraine still holds about 30% of Donetsk", "TER"},
		{"We will not leave Donbas", "TER"},
		{"constitution prohibits ceding territory", "TER"},
		{"to get it done", "TER"},
		{"Joint Base Elmendorf-Richardson", ""},
		{"Zelensky is due at the White House on Monday", ""},
		{"international borders must not be changed by force", "TER"},
		{"northeast of the town of Dobropillia", ""},
		{"Russia has annexed four Ukrainian regions", "TER"},
	},
	"2025-08-19_telegraph-article5-guarantees.txt": {
		{"title", "SEC"},
		{"standfirst", "SEC"},
		{"will help Europe provide security guarantees", "SEC"},
		{"Following a meeting at the White House on Monday", "SEC"},
		{"no American boots on the ground", "SEC"},
		{"centred on an \"Article 5-like\" arrangement", "SEC"},
		{"Ukraine would not join the alliance", "SEC"},
		{"coalition of the willing would meet by video link", "SEC"},
		{"Military chiefs from the United States and Europe", "SEC"},
		{"large purchase of American weapons", "SEC"},
		{"The question of territory was also raised", "TER"},
		{"Moscow responded coolly", "SEC"},
		{"must be ready to shoulder most of the burden", "SEC"},
		{"overnight Russian strikes on Kharkiv", ""},
	},
	"2025-09-04_times-paris-coalition-26-countries.txt": {
		{"title", "SEC"},
		{"standfirst", "SEC"},
		{"Twenty-six countries have formally committed", "SEC"},
		{"pledged to deploy a \"reassurance force\"", "SEC"},
		{"The force does not have the will", "SEC"},
		{"unshakeable commitment", "SEC"},
		{"steel porcupine", "SEC"},
		{"Germany struck a more cautious note", "SEC"},
		{"That involvement remains the crucial unknown", "SEC"},
		{"The Kremlin was dismissive", "SEC"},
		{"hubs in western Ukraine", "SEC"},
		{"doubt that the plan is affordable", "SEC"},
		{"the first concrete step", "SEC"},
		{"gas production facilities in the Poltava", ""},
	},
	"2025-10-23_meduza-reparations-loan-belgium.txt": {
		{"title", "FRZ"},
		{"standfirst", "FRZ"},
		{"The European Council failed on Thursday", "FRZ"},
		{"cash balances held at the Brussels-based", "FRZ"},
		{"The final summit conclusions said only", "FRZ"},
		{"De Wever told reporters that he wanted", "FRZ"},
		{"said the scheme was \"legally sound\"", "FRZ"},
		{"Meduza's sources in the Russian government", "FRZ"},
		{"would \"pursue\" anyone involved", "FRZ"},
		{"About €185 billion of the €210 billion", "FRZ"},
		{"19th sanctions package", ""},
		{"said the money was needed to buy weapons", "FRZ"},
		{"expect the sanctions will eventually be lifted", "FRZ"},
	},
	"2025-11-21_abc-28-point-plan.txt": {
		{"title", ""},
		{"standfirst", "SEC TER"},
		{"would require Ukraine to cede the rest", "TER"},
		{"until Thanksgiving", ""},
		{"The plan was drawn up in recent weeks", ""},
		{"recognized as de facto Russian", "TER"},
		{"would be frozen along the line of contact", "TER"},
		{"reliable security guarantees", "SEC"},
		{"capped at 600,000 personnel", "SEC"},
		{"One of the most contentious points concerns money", "FRZ"},
		{"European officials reacted with alarm", "FRZ"},
		{"reintegration into the global economy", ""},
		{"hold elections within 100 days", ""},
		{"could be the basis", ""},
		{"meet in Geneva on Sunday", ""},
	},
	"2025-12-12_kyivpost-donbas-free-economic-zone.txt": {
		{"title", "TER"},
		{"standfirst", "TER"},
		{"the United States is proposing that Ukrainian forces withdraw", "TER"},
		{"Speaking to journalists in Kyiv", "TER"},
		{"The idea is the latest version", "TER"},
		{"We stand where we stand", "TER"},
		{"updated 20-point framework", "TER"},
		{"should be decided by the people of Ukraine", "TER"},
		{"Yuri Ushakov said that even in", "TER"},
		{"The proposal is deeply unpopular", "TER SEC"},
		{"Who will stop them from just driving in", "TER"},
		{"claimed the capture of Siversk", ""},
		{"awaiting an American response on a separate document", "SEC"},
		{"A Ukrainian delegation led by Rustem Umerov", ""},
	},
	"2025-12-16_lemonde-berlin-guarantees.txt": {
		{"title", "SEC"},
		{"standfirst", "SEC TER"},
		{"It was the most detailed commitment yet", "SEC"},
		{"In a joint declaration, the leaders of ten", "SEC"},
		{"That force would help regenerate", "SEC"},
		{"submit the guarantees to the Senate", "SEC"},
		{"ready to give up its bid to join NATO", "SEC"},
		{"the first time that the Americans have offered", "SEC"},
		{"spoke of \"real progress\"", "SEC"},
		{"The territorial question, however, remains open", "TER"},
		{"In Moscow, the reaction was cool", "SEC"},
		{"another difficult summit in Brussels", "FRZ"},
		{"More than a million households", ""},
	},
	"2025-12-19_bloomberg-eu-loan-joint-debt.txt": {
		{"title", "FRZ"},
		{"standfirst", "FRZ"},
		{"agreed to provide Ukraine with a €90 billion", "FRZ"},
		{"struck in the early hours of Friday", "FRZ"},
		{"marks a setback for German Chancellor", "FRZ"},
		{"whose country hosts Euroclear", "FRZ"},
		{"We have a solution", "FRZ"},
		{"Hungary, Slovakia and the Czech Republic", ""},
		{"The Russian funds will stay where they are", "FRZ"},
		{"repay the new loan only once", "FRZ"},
		{"welcomed the outcome", "FRZ"},
		{"The euro was little changed", ""},
		{"had \"retreated\" from", "FRZ"},
		{"Talks between US and Russian envoys", ""},
	},
}

func TestHeldOut5(t *testing.T) {
	per := scoreHeldOut(t, "heldout5", heldout5Labels)
	all := logScores(t, per)
	if all.precision() < 0.80 {
		t.Errorf("mission precision %.3f, want at least 0.80", all.precision())
	}
}

// TestHeadlineOverStandfirst: a headline and a standfirst on two adjacent
// lines at the top of a file (copied from a web page) are read as such, not
// joined as one hard-wrapped paragraph; a hard-wrapped lead, a wrapped
// headline and a headline over its lead stay as they were.
func TestHeadlineOverStandfirst(t *testing.T) {
	for _, c := range []struct {
		text, title, standfirst, first string
	}{
		{"Starmer says UK ready to put troops in Ukraine as Europe forms a coalition\nPrime Minister unveils four-step plan at summit two days after Oval Office clash\n\nBy Jane Roe\n\nLONDON — Leaders met on Sunday to agree a plan for the country after the war.\n",
			"Starmer says UK ready to put troops in Ukraine as Europe forms a coalition", "Prime Minister unveils four-step plan at summit two days after Oval Office clash", "LONDON — Leaders met on Sunday to agree a plan for the country after the war."},
		// The standfirst as a sentence, full stop and all, before a byline.
		{"Ukraine fund becomes operational as first projects near\nBoth sides have each pledged $75 million in initial capital, the minister said.\n\nBy Jane Roe\n\nKYIV — The fund is ready to work, the prime minister wrote on Sunday evening.\n",
			"Ukraine fund becomes operational as first projects near", "Both sides have each pledged $75 million in initial capital, the minister said.", "KYIV — The fund is ready to work, the prime minister wrote on Sunday evening."},
		// The byline right under them, in the same block.
		{"Ukraine fund becomes operational as first projects near\nBoth sides have each pledged $75 million in initial capital, the minister said.\nBy Jane Roe\n\nKYIV — The fund is ready to work, the prime minister wrote on Sunday evening.\n",
			"Ukraine fund becomes operational as first projects near", "Both sides have each pledged $75 million in initial capital, the minister said.", "KYIV — The fund is ready to work, the prime minister wrote on Sunday evening."},
		// A hard-wrapped plain-text lead: one paragraph, its title its first sentence.
		{"The United States and Ukraine have completed the steps needed to launch\nTheir joint fund, the prime minister said on Thursday in a statement.\n\nThe fund is ready to work, she wrote on Telegram later that evening.\n",
			"", "", "The United States and Ukraine have completed the steps needed to launch Their joint fund, the prime minister said on Thursday in a statement."},
		// A long headline wrapped: one title.
		{"Zelensky balks at US demand for $500 billion in Ukraine\nResource Revenue\n\nKyiv has refused to sign a US proposal that would hand over half of its revenues.\n",
			"Zelensky balks at US demand for $500 billion in Ukraine Resource Revenue", "", "Kyiv has refused to sign a US proposal that would hand over half of its revenues."},
	} {
		a, _, err := Parse("a.txt", []byte(c.text))
		if err != nil {
			t.Fatal(err)
		}
		var first string
		if len(a.Paragraphs) > 0 {
			first = a.Paragraphs[0].Text
		}
		if c.title != "" && a.Title != c.title || a.Standfirst != c.standfirst || first != c.first {
			t.Errorf("%.40q: title %q standfirst %q first ¶ %q", c.text, a.Title, a.Standfirst, first)
		}
	}
}
