package model

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// sourceOrigin ranks the evidence for an article's outlet. Stronger evidence
// replaces weaker: front matter > the folder's .briefing.yaml > the text
// (dateline, byline, credit line) > the host name of its url.
type sourceOrigin uint8

const (
	sourceNone sourceOrigin = iota
	sourceURL
	sourceText
	sourceFolder
	sourceFrontMatter
)

// offerSource sets the outlet to name unless stronger evidence already set
// it. The first offer of a given strength wins, so the dateline beats a
// credit line further down.
func (a *Article) offerSource(name string, from sourceOrigin) {
	if name = oneLine(name); name != "" && from > a.sourceFrom {
		a.Source, a.sourceFrom = name, from
	}
}

// outlet is a well-known news outlet: its name as cited, the hosts it
// publishes on and what the text calls it in datelines and bylines.
type outlet struct {
	name    string
	hosts   []string
	aliases []string // lower case; the name itself always counts
}

var outlets = []outlet{
	{"Reuters", []string{"reuters.com"}, []string{"thomson reuters"}},
	{"AP", []string{"apnews.com", "ap.org"}, []string{"associated press", "the associated press"}},
	{"AFP", []string{"afp.com"}, []string{"agence france-presse", "agence france presse"}},
	{"BBC", []string{"bbc.co.uk", "bbc.com"}, []string{"bbc news"}},
	{"Bloomberg", []string{"bloomberg.com"}, []string{"bloomberg news"}},
	{"CNN", []string{"cnn.com"}, nil},
	{"The Guardian", []string{"theguardian.com", "guardian.co.uk"}, []string{"guardian"}},
	{"The Kyiv Independent", []string{"kyivindependent.com"}, []string{"kyiv independent"}},
	{"Kyiv Post", []string{"kyivpost.com"}, nil},
	{"Ukrainska Pravda", []string{"pravda.com.ua"}, nil},
	{"Ukrinform", []string{"ukrinform.net", "ukrinform.ua"}, nil},
	{"France 24", []string{"france24.com"}, []string{"france24"}},
	{"Al Jazeera", []string{"aljazeera.com", "aljazeera.net"}, nil},
	{"The New York Times", []string{"nytimes.com"}, []string{"new york times"}},
	{"The Washington Post", []string{"washingtonpost.com"}, []string{"washington post"}},
	{"The Wall Street Journal", []string{"wsj.com"}, []string{"wall street journal"}},
	{"Financial Times", []string{"ft.com"}, []string{"the financial times"}},
	{"The Economist", []string{"economist.com"}, nil},
	{"Politico", []string{"politico.com", "politico.eu"}, nil},
	{"Axios", []string{"axios.com"}, nil},
	{"NPR", []string{"npr.org"}, nil},
	{"CNBC", []string{"cnbc.com"}, nil},
	{"Sky News", []string{"news.sky.com"}, nil},
	{"The Times", []string{"thetimes.co.uk", "thetimes.com"}, nil},
	{"The Telegraph", []string{"telegraph.co.uk"}, nil},
	{"The Independent", []string{"independent.co.uk"}, nil},
	{"Deutsche Welle", []string{"dw.com"}, []string{"dw"}},
	{"Euronews", []string{"euronews.com"}, nil},
	{"Le Monde", []string{"lemonde.fr"}, nil},
	{"RFE/RL", []string{"rferl.org"}, []string{"radio free europe/radio liberty"}},
	{"Meduza", []string{"meduza.io"}, nil},
	{"TASS", []string{"tass.com", "tass.ru"}, nil},
	{"Interfax", []string{"interfax.com", "interfax.ru"}, nil},
	{"Anadolu", []string{"aa.com.tr"}, []string{"anadolu agency"}},
	{"dpa", []string{"dpa.com"}, nil},
	{"The Straits Times", []string{"straitstimes.com"}, []string{"straits times"}},
	{"CNA", []string{"channelnewsasia.com"}, nil},
}

// knownOutlet is the name of the outlet text calls t ("Associated Press",
// "REUTERS"), or "".
func knownOutlet(t string) string {
	t = strings.ToLower(strings.TrimSpace(t))
	for _, o := range outlets {
		if t == strings.ToLower(o.name) {
			return o.name
		}
		for _, alias := range o.aliases {
			if t == alias {
				return o.name
			}
		}
	}
	return ""
}

// OutletOfURL names the outlet that publishes at rawURL: a well-known news
// host by its usual name (apnews.com: AP), any other by its registrable host
// name without "www." (news.example.co.uk: example.co.uk). It is "" when
// rawURL has no host.
func OutletOfURL(rawURL string) string {
	rawURL = strings.TrimSpace(rawURL)
	if rawURL == "" {
		return ""
	}
	if !strings.Contains(rawURL, "://") {
		// "example.com/a" is a web address without its scheme;
		// "mailto:desk@example.com" is not a web address at all.
		if strings.Contains(strings.SplitN(rawURL, "/", 2)[0], ":") {
			return ""
		}
		rawURL = "https://" + strings.TrimPrefix(rawURL, "//")
	}
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" || !strings.Contains(host, ".") {
		return ""
	}
	for _, o := range outlets {
		for _, h := range o.hosts {
			if host == h || strings.HasSuffix(host, "."+h) {
				return o.name
			}
		}
	}
	if reg, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return reg
	}
	return strings.TrimPrefix(host, "www.")
}

// parenOutlet finds "Kyiv (Reuters) -", "KYIV, Dec 12 (Reuters) -",
// "LONDON/KYIV (AP) —" or "(AFP) -" at the start of a paragraph; only
// well-known outlets count there, since "(L) -" or "(pictured) -" are not
// outlets.
var parenOutlet = regexp.MustCompile(`^(?:\p{Lu}[\pL'’./\- ]{0,40}(?:,\s*[\pL\d][\pL\d'’./\- ]{0,40})?\s*)?\(([\pL][\pL .&/-]{1,40})\)\s*,?\s*[-–—]`)

// textOutlet is the outlet a paragraph names as the article's own: a
// dateline ("KYIV (AP) -", "Paris (Reuters) —"). A mention in prose ("told
// the BBC", "according to Reuters") is someone quoted, not the outlet.
func textOutlet(t string) string {
	// A dateline's outlet comes early: most paragraphs are turned away
	// here, before any regular expression.
	if i := strings.IndexByte(t, '('); i < 0 || i > 100 {
		return ""
	}
	if src := datelineSource(t); src != "" {
		if name := knownOutlet(src); name != "" {
			return name
		}
		return src
	}
	if m := parenOutlet.FindStringSubmatch(t); m != nil {
		return knownOutlet(m[1])
	}
	return ""
}

// reutersCredit is Reuters' closing credit: "(Reporting by …; Editing by …)".
var reutersCredit = regexp.MustCompile(`(?i)^\(?\s*(?:additional\s+)?reporting by\b.*;\s*(?:writing by\b.*;\s*)?editing by\b`)

// creditOutlet looks at the last paragraphs for an outlet's closing credit.
func creditOutlet(ps []Paragraph) string {
	for i := len(ps) - 1; i >= 0 && i >= len(ps)-3; i-- {
		if t := ps[i].Text; len(t) < 400 && strings.Contains(t, "diting by") && reutersCredit.MatchString(t) {
			return "Reuters"
		}
	}
	return ""
}

// bylineSeparators split an outlet off the end of a byline line.
var bylineSeparators = []string{" | ", " – ", " — ", " - ", ", ", " / "}

// splitBylineOutlet reads a byline line: "By Jane Roe", "By Jane Roe,
// Reuters", "By Jane Roe and John Doe | The Kyiv Independent". ok is false
// when t is not a byline alone. After a comma only a well-known outlet
// counts ("By Jane Roe, John Doe" names two people); after "|" or a dash any
// short name does.
func splitBylineOutlet(t string) (author, outletName string, ok bool) {
	if b, rest := splitByline(t); b != "" && rest == "" {
		return b, "", true
	}
	for _, sep := range bylineSeparators {
		i := strings.LastIndex(t, sep)
		if i < 0 {
			continue
		}
		head, tail := t[:i], strings.TrimSpace(t[i+len(sep):])
		name := knownOutlet(tail)
		if name == "" && sep != ", " && !moreWordsThan(tail, 5) && startsUpper(tail) {
			name = tail
		}
		if name == "" {
			continue
		}
		if b, rest := splitByline(head); b != "" && rest == "" {
			return b, name, true
		}
	}
	return "", "", false
}
