// Setup file the plugin adds to every project that uses it: registers the matchers.
