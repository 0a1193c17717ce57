package httpapi

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/ovk"
)

const mediaCSV = "text/csv"

// registerName is the name problems give the register of a request.
const registerName = "register.csv"

// postBatch drafts every municipality of a CSV register (completed by the
// default base profile) with package batch, and streams a zip of the PDFs
// as they are drafted, then the manifest (JSON and CSV). One batch runs at
// a time, on one drafting slot.
func (s *Server) postBatch(c echo.Context) error {
	if _, err := requireAccept(c, mediaZip); err != nil {
		return err
	}
	if _, err := requireContentType(c, mediaCSV); err != nil {
		return err
	}
	releaseName, err := s.release(c)
	if err != nil {
		return err
	}
	draft := c.QueryParam("ontwerp") == "true"
	if err := s.cat.CheckBatchRelease(releaseName, draft); err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	reg, err := ovk.ReadRegisterCSV(registerName, bytes.NewReader(body))
	if err != nil {
		var list diag.List
		if errors.As(err, &list) {
			return &apiError{status: http.StatusUnprocessableEntity, code: CodeInvalidRegister,
				id: "err.api.invalid_register", details: list, cause: err}
		}
		return err
	}
	setWarnings(c, reg.Warnings)
	select {
	case s.batchSem <- struct{}{}:
		defer func() { <-s.batchSem }()
	default:
		return errBusy(s.opt.RetryAfter)
	}
	done, err := s.acquire()
	if err != nil {
		return err
	}
	defer done()
	if err := checkDeadline(c); err != nil {
		return err
	}

	// The PDFs go to a folder of the server's own choosing; every file is
	// read back through an os.Root confined to it.
	tmp, err := os.MkdirTemp("", "ovk-batch-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return err
	}
	defer root.Close()

	res := c.Response()
	res.Header().Set(echo.HeaderContentType, mediaZip)
	res.Header().Set(echo.HeaderContentDisposition, `attachment; filename="ovk-`+fileName("", releaseName, ".zip")+`"`)
	res.WriteHeader(http.StatusOK)
	zw := zip.NewWriter(res)
	modified := s.zipTime(releaseName)
	var streamErr error
	add := func(name string, method uint16) {
		if streamErr != nil {
			return
		}
		f, err := root.Open(name)
		if err != nil {
			streamErr = err
			return
		}
		defer f.Close()
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: modified})
		if err == nil {
			_, err = io.Copy(w, f)
		}
		if err == nil {
			err = zw.Flush()
		}
		if err == nil {
			res.Flush()
		}
		streamErr = err
	}
	loc := localizer(c)
	describe := func(err error) string {
		eb := s.errorBody(c, classify(err), loc)
		lines := []string{eb.Message}
		for _, dt := range eb.Details {
			lines = append(lines, dt.Message)
		}
		return strings.Join(lines, "\n")
	}
	_, err = s.cat.Batch(c.Request().Context(), ovk.BatchOptions{Release: releaseName, Register: reg, Out: tmp, Workers: 1, Draft: draft,
		Describe: describe,
		OnItem: func(it *ovk.BatchItem, _, _ int) {
			if it.Status == ovk.BatchOK && it.File != "" {
				add(it.File, zip.Store) // a PDF is compressed already
			}
		}})
	if err == nil {
		add(ovk.BatchManifestJSON, zip.Deflate)
		add(ovk.BatchManifestCSV, zip.Deflate)
	}
	if err == nil && streamErr == nil {
		err = zw.Close()
	}
	if err == nil {
		err = streamErr
	}
	if err != nil {
		// The status is sent: cut the response off so that the client sees
		// a broken download rather than a zip without its manifest.
		s.opt.Logger.Error("batch aborted", "request_id", requestID(c), "error", err.Error())
		panic(http.ErrAbortHandler)
	}
	return nil
}
