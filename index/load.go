package index

import "briefing/model"

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
	fresh, err := replace(x.path, x.key, "damaged", err)
	if err != nil {
		return nil, err
	}
	x.db, x.Notice = fresh.db, fresh.Notice
	return model.PlanPaths(paths, opts)
}
