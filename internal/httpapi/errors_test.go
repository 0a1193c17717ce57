package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestInputErrors sends every kind of bad request to POST /v1/agreements
// and checks status, code, message and details exactly.
func TestInputErrors(t *testing.T) {
	a := newAPI(t, Options{MaxBody: 4096})
	opwijk := example(t, "23060-opwijk")
	opwijkJ := opwijkJSON(t)
	type detail = Detail
	for _, tc := range []struct {
		name    string
		r       req
		status  int
		code    string
		message string // in English
		details []detail
	}{
		{
			name: "malformed JSON", r: jsonReq([]byte("{\n  \"gemeente\": {\"nis\": 23060,}\n}")),
			status: 400, code: CodeMalformed, message: "the request body is not valid JSON or TOML",
			details: []detail{{Line: 2, Column: 29, Code: "err.api.json_syntax",
				Message: "invalid JSON: invalid character '}' looking for beginning of object key string"}},
		},
		{
			name: "truncated JSON", r: jsonReq(opwijkJ[:40]),
			status: 400, code: CodeMalformed, message: "the request body is not valid JSON or TOML",
			details: []detail{{Line: 4, Column: 3, Code: "err.api.json_syntax", Message: "invalid JSON: unexpected end of JSON input"}},
		},
		{
			name: "malformed TOML", r: tomlReq(replace(t, opwijk, `nis       = "23060"`, `nis       = "23060`)),
			status: 400, code: CodeMalformed, message: "the request body is not valid JSON or TOML",
			details: []detail{{Field: "gemeente.nis", Line: 12, Column: 19, Code: "err.toml.syntax",
				Message: "invalid TOML: strings cannot contain newlines"}},
		},
		{
			name: "empty body", r: jsonReq([]byte(" \n")),
			status: 400, code: CodeMalformed, message: "the request has no body: send a profile as JSON or TOML",
		},
		{
			name: "unknown JSON field", r: jsonReq(replace(t, opwijkJ, `"nis": "23060",`, `"nis": "23060", "postcode": "1745",`)),
			status: 422, code: CodeInvalidProfile, message: "the profile has 1 problem",
			details: []detail{{Field: "gemeente.postcode", Line: 3, Column: 21, Code: "err.toml.unknown_key", Message: "unknown key postcode (a typo?)"}},
		},
		{
			name: "unknown TOML key", r: tomlReq(replace(t, opwijk, "inwoners  = 15000\n", "inwoners  = 15000\npostcode = \"1745\"\n")),
			status: 422, code: CodeInvalidProfile, message: "the profile has 1 problem",
			details: []detail{{Field: "gemeente.postcode", Line: 18, Column: 1, Code: "err.toml.unknown_key",
				Message: "unknown key postcode (a typo?)"}},
		},
		{
			name: "JSON of the wrong type", r: jsonReq(replace(t, opwijkJ, `"inwoners": 15000`, `"inwoners": "veel"`)),
			status: 422, code: CodeInvalidProfile, message: "the profile has 1 problem",
			details: []detail{{Field: "gemeente.inwoners", Line: 8, Column: 5, Code: "err.json.type",
				Message: "gemeente.inwoners: wrong type (got: string)"}},
		},
		{
			name: "invalid values", r: tomlReq(replace(t, opwijk, `nis       = "23060"`, `nis       = "2306"`)),
			status: 422, code: CodeInvalidProfile, message: "the profile has 1 problem",
			details: []detail{{Field: "gemeente.nis", Line: 12, Column: 1, Code: "err.nis.invalid",
				Message: "invalid NIS code 2306: expected five digits, e.g. 23060"}},
		},
		{
			name: "not served", r: tomlReq(example(t, "niet-bediend/11002-antwerpen")),
			status: 422, code: CodeNotServed,
		},
		{
			name: "merged", r: tomlReq(replace(t, replace(t, opwijk, `nis       = "23060"`, `nis       = "23023"`), `naam      = "Opwijk"`, `naam      = "Galmaarden"`)),
			status: 422, code: CodeMerged,
			message: "23023 Galmaarden no longer exists since 1 januari 2025: it merged into 23106 Pajottegem. Draft the agreement for Pajottegem.",
			details: []detail{{Field: "gemeente.nis", Line: 12, Column: 1, Code: "err.merged",
				Message: "23023 Galmaarden no longer exists since 1 januari 2025: it merged into 23106 Pajottegem. Draft the agreement for Pajottegem."}},
		},
		{
			name: "wrong content type", r: post("text/xml", opwijk),
			status: 415, code: CodeMediaType, message: "content type 'text/xml' is not accepted; use application/json, application/toml",
		},
		{
			name: "no content type", r: post("", opwijk),
			status: 415, code: CodeMediaType, message: "content type '' is not accepted; use application/json, application/toml",
		},
		{
			name: "nothing acceptable", r: tomlReq(opwijk, "Accept", "image/png, text/html;q=0.5"),
			status: 406, code: CodeNotAcceptable,
			message: "cannot answer in image/png, text/html;q=0.5; possible: application/pdf, application/json, text/plain, application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		},
		{
			name: "body over the limit", r: tomlReq(append(opwijk, strings.Repeat("# opvulling\n", 400)...)),
			status: 413, code: CodeBodyTooLarge, message: "the request is larger than the allowed 4096 bytes",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.r.header["Accept-Language"] = "en"
			tc.r.invalid = true
			eb := errorBody(t, a.do(t, tc.r), tc.status, tc.code)
			if tc.message != "" && eb.Message != tc.message {
				t.Errorf("message\n%q, want\n%q", eb.Message, tc.message)
			}
			if tc.details == nil {
				return
			}
			if len(eb.Details) != len(tc.details) {
				t.Fatalf("details %+v, want %+v", eb.Details, tc.details)
			}
			for i, d := range tc.details {
				if eb.Details[i] != d {
					t.Errorf("detail %d\n%+v, want\n%+v", i, eb.Details[i], d)
				}
			}
		})
	}
}

// TestBodyLimitWithoutLength checks the limit on a body of unknown length,
// which only reading can find too large.
func TestBodyLimitWithoutLength(t *testing.T) {
	a := newAPI(t, Options{MaxBody: 4096})
	body := append(example(t, "23060-opwijk"), strings.Repeat("# opvulling\n", 400)...)
	hr := httptest.NewRequest(http.MethodPost, "/v1/agreements", strings.NewReader(string(body)))
	hr.ContentLength = -1
	hr.Header.Set("Content-Type", mediaTOML)
	rec := httptest.NewRecorder()
	a.s.ServeHTTP(rec, hr)
	a.check(t, hr, nil, rec)
	errorBody(t, rec, http.StatusRequestEntityTooLarge, CodeBodyTooLarge)
}

// TestMessagesInDutchByDefault checks the language of messages: Dutch
// without Accept-Language or for a language ovk does not speak.
func TestMessagesInDutchByDefault(t *testing.T) {
	a := newAPI(t, Options{})
	bad := replace(t, example(t, "23060-opwijk"), `nis       = "23060"`, `nis       = "2306"`)
	for _, lang := range []string{"", "fr-BE, de;q=0.8", "nl-BE", "x;;;", strings.Repeat("en-", 300)} {
		r := tomlReq(bad)
		r.invalid = true
		if lang != "" {
			r.header["Accept-Language"] = lang
		}
		rec := a.do(t, r)
		eb := errorBody(t, rec, http.StatusUnprocessableEntity, CodeInvalidProfile)
		if eb.Message != "het profiel bevat 1 probleem" || rec.Header().Get("Content-Language") != "nl" {
			t.Errorf("%q: %q (%s)", lang, eb.Message, rec.Header().Get("Content-Language"))
		}
		if eb.Details[0].Message != "ongeldige NIS-code 2306: verwacht vijf cijfers, bv. 23060" {
			t.Errorf("%q: detail %q", lang, eb.Details[0].Message)
		}
	}
}

// TestValidatorCatchesMismatches makes sure the response validation of
// these tests is not vacuous.
func TestValidatorCatchesMismatches(t *testing.T) {
	a := newAPI(t, Options{})
	h := http.Header{"Content-Type": {"application/json"}, HeaderRequestID: {"x"}}
	for _, tc := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/healthz", 200, `{"status":"fine"}`},
		{"GET", "/v1/releases", 200, `{"standaard":"2025.1","releases":[{"naam":"2025.1"}]}`},
		{"GET", "/v1/clauses", 400, `{"code":"nope","message":"x"}`},
		{"GET", "/nowhere", 404, `{"code":"not_found"}`},
		{"POST", "/v1/agreements", 422, `{"code":"invalid_profile","message":"x","details":[{"field":"a"}]}`},
	} {
		hr := httptest.NewRequest(tc.method, tc.path, nil)
		if errs := validate(a.doc, a.router, hr, nil, tc.status, h, []byte(tc.body)); len(errs) == 0 {
			t.Errorf("%s %s %d %s passed validation", tc.method, tc.path, tc.status, tc.body)
		}
	}
}
