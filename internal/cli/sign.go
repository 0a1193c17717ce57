package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/ovk"
)

func init() { register(newRegisterCmd) }

// newRegisterCmd groups the commands on a register of municipalities.
func newRegisterCmd(g *global, io IO) *cobra.Command {
	cmd := &cobra.Command{Use: "register", Short: g.t("cli.register.short"), Args: cobra.NoArgs}
	var reg, base, date string
	sign := &cobra.Command{
		Use:   "sign FILE.pdf... --register REGISTER [--datum JJJJ-MM-DD]",
		Short: g.t("cli.register.sign.short"),
		Args:  cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, files []string) error {
			if reg == "" {
				return usage(g.t("err.batch.need_register"))
			}
			cat, err := g.catalog()
			if err != nil {
				return err
			}
			r, err := ovk.LoadRegister(reg, base)
			if err != nil {
				return err
			}
			for _, f := range files {
				rec, path, err := cat.Sign(ovk.SignOptions{File: f, Register: r, SignedOn: date, T: g.loc.T})
				if err != nil {
					return err
				}
				fmt.Fprintln(io.Out, g.t("msg.signed.written", "path", path, "nis", rec.NIS, "name", rec.Name,
					"release", rec.Release, "date", rec.SignedOn))
			}
			return nil
		},
	}
	sign.Flags().StringVar(&reg, "register", "", g.t("cli.batch.flag.register"))
	sign.Flags().StringVar(&base, "base", "", g.t("cli.batch.flag.base"))
	sign.Flags().StringVar(&date, "datum", "", g.t("cli.register.sign.flag.datum"))
	cmd.AddCommand(sign)
	return cmd
}
