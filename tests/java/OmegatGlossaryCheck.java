// Reads padan's exports with OmegaT's own glossary readers (from OmegaT.jar) and
// checks the entries. Usage: java OmegatGlossaryCheck TBX2 OMEGAT_TSV CSV_NOHEADER CSV_HEADER
// Expects the exports of tests/fixtures/lexicon/small.tsv. Exit 0 when all checks pass.
import java.io.File;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.util.List;
import org.omegat.core.Core;
import org.omegat.core.data.IProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderCSV;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class OmegatGlossaryCheck {
  static int failures = 0, checks = 0;

  static void check(boolean ok, String what) {
    checks++;
    if (!ok) {
      failures++;
      System.out.println("FAIL: " + what);
    }
  }

  static boolean has(List<GlossaryEntry> es, String src, String loc, String commentPart) {
    for (GlossaryEntry e : es) {
      if (!e.getSrcText().equals(src))
        continue;
      for (String t : e.getLocTerms(false))
        if (t.equals(loc)
            && (commentPart == null || e.getCommentText().contains(commentPart)))
          return true;
    }
    return false;
  }

  static void dump(String name, List<GlossaryEntry> es) {
    System.out.println(name + ": " + es.size() + " entries");
    for (int i = 0; i < es.size() && i < 4; i++)
      System.out.println("  " + es.get(i).getSrcText() + " -> " + es.get(i).getLocText()
          + " [" + es.get(i).getCommentText().replace('\n', '|') + "]");
  }

  public static void main(String[] args) throws Exception {
    // the TBX reader asks the current project for its languages
    File dir = Files.createTempDirectory("omegat-proj").toFile();
    ProjectProperties pp = new ProjectProperties(dir);
    pp.setSourceLanguage("id");
    pp.setTargetLanguage("en");
    IProject project = (IProject) Proxy.newProxyInstance(IProject.class.getClassLoader(),
        new Class<?>[] {IProject.class}, (proxy, m, a) -> {
          if (m.getName().equals("getProjectProperties"))
            return pp;
          if (m.getName().equals("isProjectLoaded"))
            return Boolean.TRUE;
          Class<?> r = m.getReturnType();
          if (r == boolean.class) return Boolean.FALSE;
          if (r == int.class) return 0;
          return null;
        });
    Core.setProject(project);

    List<GlossaryEntry> tbx = GlossaryReaderTBX.read(new File(args[0]), false);
    dump("TBX v2", tbx);
    check(tbx.size() >= 5, "TBX v2: at least one entry per concept");
    check(has(tbx, "Korea Utara", "North Korea", null), "TBX v2: Korea Utara -> North Korea");
    check(has(tbx, "PBB", "United Nations", null) || has(tbx, "Perserikatan Bangsa-Bangsa", "United Nations", null),
        "TBX v2: PBB concept -> United Nations");
    check(has(tbx, "perjanjian pertahanan", "defence treaty", null), "TBX v2: admitted variant read");

    List<GlossaryEntry> tsv = GlossaryReaderTSV.read(new File(args[1]), false);
    dump("OmegaT TSV", tsv);
    check(has(tsv, "PBB", "United Nations", null), "TSV: PBB -> United Nations");
    check(has(tsv, "Korea Utara", "North Corea", "deprecated"), "TSV: deprecated English marked in the comment");
    check(has(tsv, "perintah", "order", "\"quoted\", with comma"), "TSV: note kept in the comment");

    List<GlossaryEntry> csv = GlossaryReaderCSV.read(new File(args[2]), false);
    dump("CSV without header", csv);
    check(has(csv, "Korut", "North Korea", null), "CSV: Korut -> North Korea");
    check(has(csv, "perintah", "order", "\"quoted\", with comma"), "CSV: RFC 4180 quoting read back");
    boolean headerEntry = false;
    for (GlossaryEntry e : csv) headerEntry |= e.getSrcText().equals("id_term");
    check(!headerEntry, "CSV without header: no header entry");

    // why --no-header exists: OmegaT takes a header row for an entry
    List<GlossaryEntry> hcsv = GlossaryReaderCSV.read(new File(args[3]), false);
    boolean sawHeader = false;
    for (GlossaryEntry e : hcsv) sawHeader |= e.getSrcText().equals("id_term");
    check(sawHeader, "CSV with header: OmegaT reads the header as an entry (documented)");

    System.out.println(checks + " checks, " + failures + " failed");
    System.exit(failures == 0 ? 0 : 1);
  }
}
