package cli

import (
	"context"
	"github.com/agii/ovk/internal/limits"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/httpapi"
	"github.com/agii/ovk/internal/web"
)

func init() { register(newServe) }

type serveOptions struct {
	bounds      limits.Limits
	g           *global
	io          IO
	addr        string
	maxDrafting int
	maxBody     int64
	deadline    time.Duration
	drain       time.Duration
	register    string
}

func newServe(g *global, io IO) *cobra.Command {
	o := &serveOptions{g: g, io: io}
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT]",
		Short: g.t("cli.serve.short"),
		Long:  g.t("cli.serve.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGTERM, os.Interrupt)
			defer stop()
			return runServe(ctx, o)
		},
	}
	cmd.Flags().StringVar(&o.addr, "addr", "127.0.0.1:8080", g.t("cli.serve.flag.addr"))
	cmd.Flags().IntVar(&o.maxDrafting, "max-drafting", 0, g.t("cli.serve.flag.max_drafting"))
	cmd.Flags().Int64Var(&o.maxBody, "max-body", 1<<20, g.t("cli.serve.flag.max_body"))
	cmd.Flags().DurationVar(&o.deadline, "deadline", 10*time.Second, g.t("cli.serve.flag.deadline"))
	cmd.Flags().StringVar(&o.register, "register", "", g.t("cli.serve.flag.register"))
	cmd.Flags().DurationVar(&o.drain, "drain", 30*time.Second, g.t("cli.serve.flag.drain"))
	boundFlags(cmd, &o.bounds)
	return cmd
}

// runServe opens the library, listens and serves until ctx ends, then
// drains the requests in flight.
func runServe(ctx context.Context, o *serveOptions) error {
	logger := slog.New(slog.NewJSONHandler(o.io.Err, nil))
	limits.Set(o.bounds)
	api, err := httpapi.New(o.g.source(), httpapi.Options{Release: o.g.release, MaxDrafting: o.maxDrafting,
		MaxBody: o.maxBody, Deadline: o.deadline, Logger: logger})
	if err != nil {
		return err
	}
	page, err := web.New(api.Catalog(), web.Options{Release: o.g.release, Register: o.register})
	if err != nil {
		return err
	}
	api.Mount(page, web.Paths...)
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return usage(o.g.listenError(o.addr, err))
	}
	addr := ln.Addr().String()
	logger.Info(o.g.t("msg.serve.listening", "addr", addr, "releases", strings.Join(api.Releases(), ", "),
		"default", api.DefaultRelease()))
	if err := api.Serve(ctx, ln, o.drain); err != nil {
		return err
	}
	logger.Info(o.g.t("msg.serve.stopped"))
	return nil
}
