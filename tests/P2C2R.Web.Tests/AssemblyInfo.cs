// The coordinator's instruments live in one static meter: a node's /metrics shows every
// measurement of the process, so the tests' nodes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
