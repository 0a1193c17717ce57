#!/usr/bin/python3
"""Runs LibreOffice once for a list of jobs on DOCX documents (the tests of
package docx). Debian: libreoffice-writer-nogui, python3-uno.

    office.py PROFILE_DIR JOB...

PROFILE_DIR is a fresh LibreOffice user profile (so that concurrent test
runs do not share one). A JOB is SRC|MODE|DST with MODE one of
  pdf     export SRC as PDF
  text    save SRC as UTF-8 text, tracked changes as they stand
  accept  accept all tracked changes (.uno:AcceptAllTrackedChanges), save as text
  reject  reject all tracked changes (.uno:RejectAllTrackedChanges), save as text
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def drop_comments(doc):
    """Removes the comments: LibreOffice 7.4 aborts when it saves a document
    with comments as text from a UNO session. Comments are not text."""
    fields = doc.getTextFields().createEnumeration()
    found = []
    while fields.hasMoreElements():
        f = fields.nextElement()
        if f.supportsService("com.sun.star.text.TextField.Annotation"):
            found.append(f)
    for f in found:
        f.dispose()


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def main():
    profile, jobs = sys.argv[1], sys.argv[2:]
    pipe = "ovkdocx%d" % os.getpid()
    # A fresh profile makes soffice restart itself once, which would cut
    # the connection: create it first.
    subprocess.run(["soffice", "--headless", "--terminate_after_init", "-env:UserInstallation=" + url(profile)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         "-env:UserInstallation=" + url(profile),
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(1200):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except NoConnectException:
                if office.poll() is not None:
                    sys.exit("soffice exited with %d" % office.returncode)
                time.sleep(0.05)
        if ctx is None:
            sys.exit("soffice did not answer")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        text = (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8"))
        for job in jobs:
            src, mode, dst = job.split("|")
            doc = desktop.loadComponentFromURL(url(src), "_blank", 0, (prop("Hidden", True),))
            if doc is None:
                sys.exit("cannot open " + src)
            try:
                drop_comments(doc)
                if mode == "pdf":
                    doc.storeToURL(url(dst), (prop("FilterName", "writer_pdf_Export"),))
                elif mode == "text":
                    doc.storeToURL(url(dst), text)
                elif mode in ("accept", "reject"):
                    cmd = ".uno:AcceptAllTrackedChanges" if mode == "accept" else ".uno:RejectAllTrackedChanges"
                    dispatcher.executeDispatch(doc.getCurrentController().getFrame(), cmd, "", 0, ())
                    doc.storeToURL(url(dst), text)
                else:
                    sys.exit("unknown mode " + mode)
            finally:
                doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
