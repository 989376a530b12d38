package model

// SeedTagger lends defaultTagger to the external tests (package model_test).
var SeedTagger = defaultTagger
