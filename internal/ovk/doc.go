// Package ovk is the application layer every front end calls (the command
// line, the HTTP API): it opens the releases of a library once (Catalog),
// offers each operation once — draft, explain, lint, verify, diff, batch,
// impact — on readers and writers with thin file-path variants, classifies
// every error into one Error with a Code, and defines the JSON views of its
// results. The stages (library, profile, rules, assemble, pdf, …) sit
// below it; the front ends import it and none of them.
package ovk
