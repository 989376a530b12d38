package index

import (
	"fmt"
	"path/filepath"

	"briefing/model"
)

// Plan finds the article files under paths and asks the index about them
// (model.PlanPaths). An index found damaged while it is read is moved
// aside and the plan made again with a new, empty one; Notice says so.
func (x *Index) Plan(paths []string, opts model.LoadOptions) (*model.Plan, error) {
	opts.Cache = x
	p, err := model.PlanPaths(paths, opts)
	if err == nil || !replaceable(err) {
		return p, err
	}
	x.db.Close()
	aside, moveErr := moveAside(x.path)
	if moveErr != nil {
		return nil, fmt.Errorf("index %s is damaged (%v) and could not be moved aside: %w", x.path, oneLine(err), moveErr)
	}
	fresh, openErr := open(x.path, x.key)
	if openErr != nil {
		return nil, fmt.Errorf("index %s: %w", x.path, openErr)
	}
	x.db = fresh.db
	x.Notice = fmt.Sprintf("the index was damaged (%s); moved it to %s and am building a new one", oneLine(err), filepath.Base(aside))
	return model.PlanPaths(paths, opts)
}
