package model

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The development set: short made-up articles, written for these tests in
// the manner of wire and newspaper coverage, one or more per mechanism of
// issue 11 (references back to a named topic, a nearer "peace deal" that
// blocks one, coverage only in the headline, a lead used as the title,
// captions, subheadings, guarantees in the money sense, a general Article 5
// explainer, and the phrase gaps and false positives the issue lists).
//
// Each label names a paragraph by the start of its text ("title" and
// "standfirst" for the head) and the mission topics an analyst would tag,
// as badges (SEC TER MIN FRZ). Every counted paragraph must be labelled.

type devLabel struct {
	prefix string // the start of the paragraph's text, or "title" / "standfirst"
	want   string // mission badges, space-separated; "" for none
	// known explains a mismatch the tagger is known to make; it is scored
	// but does not fail the test.
	known string
}

type devArticle struct {
	name, text string
	labels     []devLabel
}

// The later articles (from "minerals-ratify.txt") were written after the
// rules, as a check on them; their known misses are labelled as such.
var devSet = []devArticle{
	{
		name: "minerals-signed.txt",
		text: `Ukraine and US sign long-awaited minerals agreement in Washington

The pact sets up a jointly run fund and gives American companies priority in future licensing rounds

Ukraine and the United States on Wednesday signed an agreement on rare earths and other natural resources, ending months of sometimes bitter negotiations.

The deal was signed by Ukraine's economy minister and the US Treasury secretary at a short ceremony, officials in both capitals said.

Kyiv's foreign minister said the signing showed that Washington intended to stay engaged in Ukraine for the long term.

Under the agreement, half of the state's future royalties from new licences will flow into the United States-Ukraine Reconstruction Investment Fund.

That accord still has to be ratified by the Ukrainian parliament, where some lawmakers have complained about the secrecy of the talks.

The fund will make joint investments in Ukrainian energy, infrastructure and processing plants, a Treasury statement said.

Separately, Trump said he still hoped to broker a peace deal between Moscow and Kyiv within weeks.

The deal would require Ukraine to give up its ambitions to join NATO, according to people briefed on the US proposals.`,
		labels: []devLabel{
			{"title", "MIN", ""},
			{"standfirst", "MIN", ""},
			{"Ukraine and the United States on Wednesday", "MIN", ""},
			{"The deal was signed", "MIN", ""},
			{"Kyiv's foreign minister said the signing", "MIN", ""},
			{"Under the agreement", "MIN", ""},
			{"That accord", "MIN", ""},
			{"The fund will make", "MIN", ""},
			{"Separately, Trump", "", ""},
			{"The deal would require", "", ""},
		},
	},
	{
		name: "geneva-ceasefire.txt",
		text: `Envoys return to Geneva as Kyiv weighs revised US plan

Ukrainian and American negotiators met again in Geneva on Sunday to work through a US proposal for ending the war.

The talks come weeks after the two countries finalised their minerals deal, which Washington has described as an economic guarantee for Ukraine.

Officials said a ceasefire agreement could be announced before the end of the month if Moscow accepts the revised text.

The agreement would halt fighting for thirty days and allow exchanges of prisoners to resume.

Zelensky said the deal must not reward aggression and that Ukraine would not sign anything behind its back.`,
		labels: []devLabel{
			{"title", "", ""},
			{"Ukrainian and American negotiators", "", ""},
			{"The talks come weeks after", "MIN", ""},
			{"Officials said a ceasefire agreement", "", ""},
			{"The agreement would halt", "", ""},
			{"Zelensky said the deal", "", ""},
		},
	},
	{
		name: "reparations-loan.txt",
		text: `EU leaders fail to agree reparations loan as Belgium holds out

European Union leaders ended a summit in Brussels without agreeing to lend Ukraine money raised against Russian central bank assets held in the bloc.

Belgium, where most of the funds sit at a clearing house, wants other governments to share the legal risk before it signs off.

The guarantees Belgium is seeking would cover the full amount if a court ever ordered the money returned to Moscow.

Several capitals also want firm guarantees that the money lent to Kyiv is spent on its defence industry.

Diplomats said the loan would be repaid only if Russia pays for the damage it has caused.

Leaders will meet again in March, when the commission hopes to present a new legal text.`,
		labels: []devLabel{
			{"title", "FRZ", ""},
			{"European Union leaders ended", "FRZ", ""},
			{"Belgium, where most", "FRZ", ""},
			{"The guarantees Belgium", "FRZ", ""},
			{"Several capitals also want", "FRZ", ""},
			{"Diplomats said the loan", "FRZ", ""},
			{"Leaders will meet again", "", ""},
		},
	},
	{
		name: "article-five-explainer.md",
		text: `# Explainer: what NATO's Article 5 actually commits allies to do

Article 5 of the North Atlantic Treaty says that an armed attack on one member shall be considered an attack on them all.

It leaves each ally free to decide how to respond, which can mean anything from a diplomatic protest to sending troops.

The clause has been invoked only once, after the attacks on New York and Washington in September 2001.

Some officials in Warsaw and the Baltic capitals have asked whether the commitment would hold if a large ally hesitated.`,
		labels: []devLabel{
			{"title", "", ""},
			{"Article 5 of the North Atlantic Treaty", "", ""},
			{"It leaves each ally", "", ""},
			{"The clause has been invoked", "", ""},
			{"Some officials in Warsaw", "", ""},
		},
	},
	{
		name: "lead-as-title.txt",
		text: ` date 2025-11-28 By Maria Example Russia wants Ukraine to withdraw its troops from the parts of the Donetsk region it still controls, the Kremlin said on Friday, rejecting a European counter-proposal.

A Ukrainian serviceman walks past a destroyed building in Kostiantynivka, Donetsk region, on Thursday. Oleg Example/AP

Kremlin spokesman Dmitry Peskov told reporters that a full pullback was the only basis for a lasting settlement.

Russian forces control roughly 19% of Ukraine, including almost all of Luhansk and about three quarters of Donetsk.

Residents queue for water in Kherson after overnight shelling knocked out the city's pumping station. (Getty Images)

The mayor of Kherson said the city had been shelled for the third night running.`,
		labels: []devLabel{
			{"Russia wants Ukraine to withdraw", "TER", ""},
			{"Kremlin spokesman Dmitry Peskov", "TER", ""},
			{"Russian forces control roughly", "TER", ""},
			{"The mayor of Kherson", "", ""},
		},
	},
	{
		name: "coalition-sections.md",
		text: `# Europeans sketch out a force to reassure Ukraine

## The coalition

Britain and France said on Thursday that thirty countries had now joined the coalition of the willing.

The coalition will hold its next meeting in Rome, where defence chiefs are expected to present options.

## Troops and jets

The force would be based in western Ukraine, far from the front, and would train Ukrainian units.

European officials said American air support would act as a backstop if Russian troops attacked again.

Ministers also discussed whether foreign troops on the ground would be needed to monitor any truce.

## In Berlin

In Germany, the coalition government is divided over how much to spend on defence next year.

The coalition has until Friday to agree a budget or face a vote in parliament.`,
		labels: []devLabel{
			{"title", "SEC", ""},
			{"Britain and France said", "SEC", ""},
			{"The coalition will hold", "SEC", ""},
			{"The force would be based", "SEC", ""},
			{"European officials said American air support", "SEC", ""},
			{"Ministers also discussed", "SEC", ""},
			{"In Germany, the coalition government", "", ""},
			{"The coalition has until Friday", "", ""},
		},
	},
	{
		name: "territory-gaps.txt",
		text: `Draft plan would redraw the map of eastern Ukraine

Under the draft, Ukrainian forces would pull back from the remaining areas they hold in the east.

The land they leave would become a demilitarised area patrolled by international monitors.

Moscow also wants Kyiv to hand over parts of the Kharkiv, Sumy, Dnipropetrovsk and Mykolaiv regions, the document says.

The document says Russia holds more than 110,000 square kilometres of Ukrainian land.

Parts of the Kharkiv region near the border would be given neutral status under the plan.

The proposal was discussed at length during a six-hour meeting in Miami, people familiar with it said.`,
		labels: []devLabel{
			{"title", "TER", ""},
			{"Under the draft", "TER", ""},
			{"The land they leave", "TER", ""},
			{"Moscow also wants Kyiv", "TER", ""},
			{"The document says", "TER", ""},
			{"Parts of the Kharkiv region", "TER", ""},
			{"The proposal was discussed", "", ""},
		},
	},
	{
		name: "other-funds.txt",
		text: `Gulf states pledge billions as investment diplomacy spreads

Saudi Arabia and France launched a joint investment fund for African infrastructure on Monday.

The United Arab Emirates and India signed a similar agreement on food security last month.

Analysts said such funds were becoming a common tool of diplomacy across the region.

Neither announcement mentioned Ukraine or its reconstruction.`,
		labels: []devLabel{
			{"title", "", ""},
			{"Saudi Arabia and France", "", ""},
			{"The United Arab Emirates", "", ""},
			{"Analysts said such funds", "", ""},
			{"Neither announcement", "", ""},
		},
	},
	{
		name: "headline-only.txt",
		text: `Brussels edges closer to using frozen Russian assets as Kyiv's budget gap widens

Ukraine will need about $60 billion in outside help next year to keep paying pensions and salaries, the IMF said on Tuesday.

The fund's mission chief told reporters in Kyiv that tax revenues had held up better than expected.

Inflation slowed to 11% in October, the central bank said.`,
		labels: []devLabel{
			{"title", "FRZ", ""},
			{"Ukraine will need about", "", ""},
			{"The fund's mission chief", "", ""},
			{"Inflation slowed", "", ""},
		},
	},
	{
		name: "minerals-ratify.txt",
		text: `Zelenskiy says Ukraine ready to sign minerals deal, but wants security guarantees

KYIV (Reuters) - Ukrainian President Volodymyr Zelenskiy said on Sunday he was ready to sign a framework agreement on minerals with the United States, but that Kyiv still needed security guarantees to end the war.

The deal, which would give Washington access to Ukraine's rare earth deposits, has become a flashpoint in relations between the two countries after Trump demanded $500 billion in return for past aid.

"I am not going to sign something that 10 generations of Ukrainians will have to repay," Zelenskiy told a news conference.

The agreement under discussion does not contain any specific U.S. security guarantees, according to a draft seen by Reuters.

Trump's envoy Keith Kellogg met Zelenskiy in Kyiv last week. Russia and the United States held their first high-level talks in Riyadh on Tuesday.

Zelenskiy said he wanted Europe to have a seat at the table in any peace talks. The Kremlin has said it would not accept European peacekeepers.

The Ukrainian leader also said he would be ready to step down if that meant peace for Ukraine, or in exchange for NATO membership.`,
		labels: []devLabel{
			{"title", "SEC MIN", ""},
			{"KYIV (Reuters)", "SEC MIN", ""},
			{"The deal, which would give", "MIN", ""},
			{`"I am not going to sign`, "MIN", ""}, // only the story's thread links it
			{"The agreement under discussion", "SEC MIN", ""},
			{"Trump's envoy Keith Kellogg", "", ""},
			{"Zelenskiy said he wanted Europe", "SEC", ""},
			{"The Ukrainian leader also said", "", ""},
		},
	},
	{
		name: "eu-loan-agreed.txt",
		text: `EU agrees to lend Ukraine 90 billion euros, shelves plan to use frozen Russian assets

BRUSSELS (AP) — European Union leaders agreed early Friday to lend Ukraine 90 billion euros over the next two years, but failed to agree on a plan to use Russian assets frozen in Europe to fund it.

The money will be raised on capital markets and backed by the EU budget, European Council President Antonio Costa said.

Belgium, where most of the assets are held, had demanded guarantees that it would not be left alone to face Russian retaliation. Prime Minister Bart De Wever said the risks were too great.

"We have a deal," Costa posted on social media. The leaders said the Commission would continue to work on the reparations loan.

The agreement comes as U.S. envoys push for a peace plan that would see Ukraine give up the parts of the Donbas region it still controls.

Zelenskyy has said Ukraine cannot legally cede territory and that any deal must be put to a referendum.

The guarantees offered by the United States under the latest draft would be valid for 15 years, officials said.`,
		labels: []devLabel{
			{"title", "FRZ", ""},
			{"BRUSSELS (AP)", "FRZ", ""},
			{"The money will be raised", "FRZ", ""},
			{"Belgium, where most", "FRZ", ""},
			{`"We have a deal,"`, "FRZ", ""},
			{"The agreement comes as", "TER", ""},
			{"Zelenskyy has said Ukraine cannot", "TER", ""},
			{"The guarantees offered by the United States", "SEC", ""},
		},
	},
	{
		name: "coalition-paris.txt",
		text: `Coalition of the willing says it is ready to deploy troops to Ukraine after ceasefire

PARIS (AP) — Twenty-six countries have pledged to deploy troops to Ukraine or to contribute to a reassurance force once fighting stops, French President Emmanuel Macron said Thursday after a summit in Paris.

The force would not be deployed on the front line but would aim to prevent any new major aggression, Macron said.

The coalition, led by Britain and France, has been working for months on plans to support Ukraine after any peace deal.

The United States has yet to say what role it would play. Trump has ruled out U.S. troops on the ground but suggested air support was possible.

Russia has repeatedly said it will not accept any Western troops in Ukraine. Kremlin spokesman Dmitry Peskov said Thursday that the presence of foreign forces would be unacceptable.

Meanwhile, Russian forces pressed their offensive in the Donetsk region, where they claimed to have captured another village.

The mission would be headquartered in Paris, with a coordination cell in Kyiv, officials said.`,
		labels: []devLabel{
			{"title", "SEC", ""},
			{"PARIS (AP)", "SEC", ""},
			{"The force would not be deployed", "SEC", ""},
			{"The coalition, led by", "SEC", ""},
			{"The United States has yet", "SEC", ""},
			{"Russia has repeatedly said", "SEC", ""},
			{"Meanwhile, Russian forces", "", ""},
			{"The mission would be headquartered", "SEC", ""},
		},
	},
	{
		name: "minerals-hailed.txt",
		text: `Trump hails minerals deal as talks with Putin stall

WASHINGTON, May 1 (Reuters) - President Donald Trump on Thursday hailed the minerals agreement signed with Ukraine as a sign of U.S. commitment, even as his push to end the war with Russia stalled.

Treasury Secretary Scott Bessent said the deal signalled to Russia that the United States was invested in a free, sovereign Ukraine.

Trump has grown frustrated with both sides. He said on Wednesday that Putin and Zelenskiy would have to make compromises for any agreement to hold.

The White House has proposed that Russia keep control of Crimea and most of the territory it has seized. The agreement would also bar Ukraine from joining NATO.

Vice President JD Vance said the U.S. would walk away if the two sides did not accept the deal.

The Ukrainian parliament is expected to ratify the accord next week.`,
		labels: []devLabel{
			{"title", "MIN", ""},
			{"WASHINGTON, May 1", "MIN", ""},
			{"Treasury Secretary Scott Bessent", "MIN", ""},
			{"Trump has grown frustrated", "", ""},
			{"The White House has proposed", "TER", ""},
			{"Vice President JD Vance", "", ""},
			{"The Ukrainian parliament is expected", "MIN", "a nearer \"any agreement\" (the peace deal) stops the minerals deal's nouns"},
		},
	},
	{
		name: "imf-loan.txt",
		text: `IMF approves new $8.1 billion loan for Ukraine

The International Monetary Fund's board on Tuesday approved a new four-year lending programme for Ukraine worth $8.1 billion.

The loan replaces an earlier programme and is part of a broader package that includes money raised by the European Union from immobilised Russian central bank assets.

The fund said Ukraine's economy would grow by about 2% this year.

The money will help Kyiv cover its budget deficit, finance minister Serhiy Marchenko said.

Russian attacks on Ukraine's energy grid have pushed up costs, the fund said.`,
		labels: []devLabel{
			{"title", "", ""},
			{"The International Monetary Fund", "", ""},
			{"The loan replaces", "FRZ", ""},
			{"The fund said Ukraine", "", ""},
			{"The money will help Kyiv", "", "\"the money\" takes frozen assets, named last, though it is the IMF's"},
			{"Russian attacks on Ukraine", "", ""},
		},
	},
	{
		name: "berlin-counterproposal.md",
		text: `# Europe scrambles to shape US peace plan

European leaders met in Berlin on Monday to present their own counter-proposals to the US peace plan, which would force Ukraine to cede land.

## What Europe wants

The Europeans want security guarantees for Ukraine to be written into any agreement. Their proposal envisages a multinational force led by Britain and France.

The force would help rebuild Ukraine's army and secure its skies.

Germany's chancellor Friedrich Merz said his coalition partners backed the plan.

## Frozen assets

The EU is also trying to agree on the reparations loan, which would be funded from Russian central bank reserves.

The loan would cover two thirds of Ukraine's needs for the next two years.

Officials said the guarantees demanded by Belgium would be provided by member states.

Ukrainian President Volodymyr Zelensky in Berlin on Monday. Photo: Jane Example`,
		labels: []devLabel{
			{"title", "", ""},
			{"European leaders met in Berlin", "TER", ""},
			{"The Europeans want", "SEC", ""},
			{"The force would help", "SEC", ""},
			{"Germany's chancellor", "", ""},
			{"The EU is also trying", "FRZ", ""},
			{"The loan would cover", "FRZ", ""},
			{"Officials said the guarantees", "FRZ", ""},
		},
	},
	{
		// Threads: a reaction quote inside the run, a follow word, a
		// "He said" after the story has turned to the war, and the war
		// paragraphs at the end, which the force must not spill into.
		name: "thread-tail.txt",
		text: `Leaders back plan for a reassurance force in Ukraine

European leaders on Tuesday backed plans for a multinational reassurance force to be deployed in Ukraine once a ceasefire is in place.

"We are ready to do our part, and we will not wait for others to decide for us," the French president told reporters after the meeting in Paris.

He said any such mission would need American air support to be credible, and that talks with Washington would continue next week.

The Dutch prime minister said his government would decide on its contribution after the summer, once parliament had debated the plans.

Meanwhile, Russian forces launched a wave of drones at Kharkiv overnight, killing three people and damaging a hospital, officials said.

He said the attack showed that Moscow had no interest in peace and that the pressure on the Kremlin had to be increased.

Russian forces also advanced near Pokrovsk, the general staff said in its daily update on the fighting along the whole front.`,
		labels: []devLabel{
			{"title", "SEC", ""},
			{"European leaders on Tuesday backed", "SEC", ""},
			{`"We are ready to do our part`, "SEC", ""},
			{"He said any such mission", "SEC", ""},
			{"The Dutch prime minister", "SEC", ""},
			{"Meanwhile, Russian forces", "", ""},
			{"He said the attack", "", ""},
			{"Russian forces also advanced", "", ""},
		},
	},
	{
		// The head names the story: a standfirst written as a sentence
		// before the byline, a headline noun the standfirst names, the
		// story taken up again by a follow word after war paragraphs, and
		// places of fighting that are not territory.
		name: "story-resumes.txt",
		text: `Defence chiefs meet in London to plan Ukraine force

Officers from 25 countries discussed how a European-led mission could deter Russia once the fighting stops.

By Staff Reporter

LONDON — Military chiefs from about 25 countries met in London on Thursday to work out how a multinational force would be deployed in Ukraine after a ceasefire.

Britain said it was ready to put troops on the ground, while Italy said it would help with training from outside the country.

Russian forces advanced near Pokrovsk in the Donetsk region overnight, the general staff said, and shelled villages in the Kursk border region.

Ukraine's air force said it had shot down 60 of the 80 drones launched at the country overnight.

Officials said a further meeting next month would take stock of which governments were prepared to make a contribution, and of what size.`,
		labels: []devLabel{
			{"title", "SEC", ""},
			{"standfirst", "SEC", ""},
			{"LONDON — Military chiefs", "SEC", ""},
			{"Britain said it was ready", "SEC", ""},
			{"Russian forces advanced near Pokrovsk", "", ""},
			{"Ukraine's air force said", "", ""},
			{"Officials said a further meeting", "SEC", ""},
		},
	},
	{
		// The minerals deal's money: revenues and profits tie a paragraph
		// to the deal; a deposit in Donetsk and minerals lying in occupied
		// areas are where things are, not who holds the land; "Earlier
		// drafts" is the story's own, "Earlier this week," is not.
		name: "minerals-money.txt",
		text: `US and Ukraine agree terms of minerals deal

Ukraine and the United States agreed on Wednesday on the terms of a minerals deal that sets up a jointly run reconstruction fund, officials in Kyiv said.

Earlier drafts presented by Washington had sought hundreds of billions of dollars in revenue as repayment for past aid, a figure Kyiv rejected.

For the first decade, profits will not be paid out but reinvested in Ukraine, according to a summary published by the economy ministry.

The most promising lithium deposit in Donetsk was overrun by Russian troops in January, and several others lie in areas now occupied by Russia.

Earlier this week, the United States voted against a United Nations resolution that condemned Moscow, to the dismay of its allies in Europe.`,
		labels: []devLabel{
			{"title", "MIN", ""},
			{"Ukraine and the United States agreed", "MIN", ""},
			{"Earlier drafts presented", "MIN", ""},
			{"For the first decade", "MIN", ""},
			{"The most promising lithium deposit", "MIN", ""},
			{"Earlier this week", "", ""},
		},
	},
	{
		// Round 3: a headline and standfirst on adjacent lines; "In
		// return," and a quote after a paragraph on the story carry it;
		// other countries' troops on Ukrainian soil; "the package" of the
		// guarantees; a money exception that stops at the sentence's end.
		name: "guarantees-in-return.txt",
		text: `Washington offers Kyiv binding security guarantees at Berlin talks
US and European negotiators spent two days on a text that would protect Ukraine after the war

By Staff Reporter

BERLIN — American and European officials on Monday offered Ukraine legally binding security guarantees modelled on NATO's mutual defence clause, diplomats said.

In return, the Ukrainian president said Kyiv was ready to drop its bid to join NATO, a concession he called painful but necessary for his country.

"This is the most concrete offer we have seen since the war began," a senior Ukrainian diplomat told reporters after the talks ended.

The Kremlin said it would never accept NATO troops on Ukrainian soil, whatever name the allies gave to their mission.

The president also said the package would include a large purchase of American air defence systems financed by European allies. "The guarantees will be settled within weeks," he said.

Meanwhile, Russian drones struck the port of Odesa overnight, cutting power to thousands of homes across the region.`,
		labels: []devLabel{
			{"title", "SEC", ""},
			{"standfirst", "SEC", ""},
			{"BERLIN — American and European", "SEC", ""},
			{"In return, the Ukrainian president", "SEC", ""},
			{`"This is the most concrete offer`, "SEC", ""},
			{"The Kremlin said it would never accept", "SEC", ""},
			{"The president also said the package", "SEC", ""},
			{"Meanwhile, Russian drones", "", ""},
		},
	},
	{
		// Round 3: the IMF as the source of an estimate of Ukraine's
		// needs does not stop the loan's thread; its own programme does. A
		// reaction quoted after it is a known miss.
		name: "loan-needs.txt",
		text: `EU leaders back reparations loan for Ukraine

European Union leaders agreed on Thursday to lend Ukraine 90 billion euros backed by frozen Russian central bank assets held in Belgium.

Ukraine's financing needs for the next two years are estimated by the IMF at about 60 billion euros a year, and Europe expects to cover most of them.

"Ukraine will have what it needs this winter and next," the president of the European Council told reporters after the talks ended.

The IMF separately approved a new 8 billion dollar programme for Kyiv, its board said in a statement released on Friday evening.`,
		labels: []devLabel{
			{"title", "FRZ", ""},
			{"European Union leaders agreed", "FRZ", ""},
			{"Ukraine's financing needs", "FRZ", ""},
			{`"Ukraine will have what it needs`, "FRZ", "a quote is tied only when the paragraph after it is on the topic too (tying every quote after a paragraph on the head's story added as many false tags as true on the held-out sets)"},
			{"The IMF separately approved", "", ""},
		},
	},
}

var missionBadges = []string{"SEC", "TER", "MIN", "FRZ"}

// devCount is one topic's confusion counts.
type devCount struct{ tp, fp, fn int }

func (c devCount) precision() float64 { return float64(c.tp) / float64(max(c.tp+c.fp, 1)) }
func (c devCount) recall() float64    { return float64(c.tp) / float64(max(c.tp+c.fn, 1)) }

// devParagraph finds the paragraph a label names among the counted ones.
func devParagraph(ps []Paragraph, prefix string) (Paragraph, bool) {
	for _, p := range ps {
		switch {
		case prefix == "title" && p.Kind == Title,
			prefix == "standfirst" && p.Kind == Standfirst,
			p.Kind != Title && p.Kind != Standfirst && strings.HasPrefix(p.Text, prefix):
			return p, true
		}
	}
	return Paragraph{}, false
}

// missionOf lists the mission badges of a topic set.
func missionOf(tg *Tagger, set TopicSet) []string {
	var out []string
	for _, i := range set.Indexes() {
		if b := tg.Topics()[i].Badge; slices.Contains(missionBadges, b) {
			out = append(out, b)
		}
	}
	return out
}

// score adds one paragraph's outcome to per and reports whether it matched.
func score(per map[string]*devCount, got, want []string) bool {
	for _, b := range missionBadges {
		g, w := slices.Contains(got, b), slices.Contains(want, b)
		switch {
		case g && w:
			per[b].tp++
		case g:
			per[b].fp++
		case w:
			per[b].fn++
		}
	}
	return slices.Equal(got, want)
}

func logScores(t *testing.T, per map[string]*devCount) devCount {
	t.Helper()
	var all devCount
	for _, b := range missionBadges {
		c := *per[b]
		all.tp, all.fp, all.fn = all.tp+c.tp, all.fp+c.fp, all.fn+c.fn
		t.Logf("%-4s precision %.2f recall %.2f (tp %d fp %d fn %d)", b, c.precision(), c.recall(), c.tp, c.fp, c.fn)
	}
	t.Logf("all  precision %.2f recall %.2f (tp %d fp %d fn %d)", all.precision(), all.recall(), all.tp, all.fp, all.fn)
	return all
}

func newScores() map[string]*devCount {
	per := map[string]*devCount{}
	for _, b := range missionBadges {
		per[b] = &devCount{}
	}
	return per
}

func TestDevSet(t *testing.T) {
	tg := defaultTagger(t)
	per := newScores()
	paragraphs := 0
	for _, d := range devSet {
		t.Run(d.name, func(t *testing.T) {
			a, _, err := Parse(d.name, []byte(d.text))
			if err != nil {
				t.Fatal(err)
			}
			tg.TagArticle(a)
			counted := a.Counted()
			for _, l := range d.labels {
				// A paragraph that is not counted scores as tagged with nothing.
				p, ok := devParagraph(counted, l.prefix)
				if !ok {
					t.Errorf("no counted paragraph %q", l.prefix)
				}
				want := strings.Fields(l.want)
				got := missionOf(tg, p.Topics)
				switch ok := score(per, got, want); {
				case !ok && l.known != "":
					t.Logf("known: %q: got %v, want %v: %s", l.prefix, got, want, l.known)
				case !ok:
					t.Errorf("%q: got %v, want %v\n%s", l.prefix, got, want, p.Text)
				case l.known != "":
					t.Errorf("%q is right now: drop its known note", l.prefix)
				}
			}
			paragraphs += len(d.labels)
			for _, p := range counted {
				if !slices.ContainsFunc(d.labels, func(l devLabel) bool {
					q, ok := devParagraph(counted, l.prefix)
					return ok && q.Kind == p.Kind && q.Text == p.Text
				}) {
					t.Errorf("unlabelled paragraph (%s): %s", p.Kind, p.Text)
					score(per, missionOf(tg, p.Topics), nil)
				}
			}
		})
	}
	t.Logf("%d articles, %d paragraphs", len(devSet), paragraphs)
	logScores(t, per)
}

// seedLabels are the mission topics an analyst would tag in the seed
// articles, by article file and paragraph ("title", "standfirst" or the
// body ¶ number); paragraphs not listed carry none. Written by reading each
// paragraph, not from the tagger's output.
var seedLabels = map[string]map[string]string{
	"000_b1fc9fadb82d1f89.txt": {"1": "SEC", "6": "TER", "7": "SEC TER", "8": "SEC"},
	"001_ce98c727760cf0f0.txt": {"2": "SEC", "9": "SEC", "10": "SEC", "13": "MIN", "14": "SEC TER MIN", "15": "MIN"},
	"002_825e89b02fbe6b94.txt": {"4": "TER", "5": "SEC FRZ", "6": "SEC", "12": "TER", "13": "TER", "20": "SEC", "21": "SEC", "24": "FRZ", "25": "FRZ"},
	"003_2ce5218daafefbf4.txt": {"18": "SEC", "23": "TER", "30": "MIN"},
	"004_d61a63dc223d8b64.txt": {
		"title": "TER", "standfirst": "TER",
		"2": "TER", "3": "SEC", "4": "TER", "5": "SEC", "6": "SEC", "7": "SEC", "8": "SEC", "10": "SEC", "11": "SEC",
	},
}

// TestSeedsScore scores the tagger on the seeds against seedLabels, so a
// change that trades precision for recall shows in the log; precision on
// the mission topics must stay at 0.92 or more.
func TestSeedsScore(t *testing.T) {
	tg := defaultTagger(t)
	per := newScores()
	for file, labels := range seedLabels {
		a := parseSeed(t, file)
		tg.TagArticle(a)
		for _, p := range a.Counted() {
			key := strconv.Itoa(p.Index)
			switch p.Kind {
			case Title:
				key = "title"
			case Standfirst:
				key = "standfirst"
			}
			want := strings.Fields(labels[key])
			if got := missionOf(tg, p.Topics); !score(per, got, want) {
				t.Logf("%s %s: got %v, want %v: %.80s", file, key, got, want, p.Text)
			}
		}
	}
	for _, b := range missionBadges {
		if c := per[b]; c.precision() < 0.92 {
			t.Errorf("%s precision %.2f, want at least 0.92", b, c.precision())
		}
	}
	logScores(t, per)
}
