/* Unit tests of check/: English keys, lexicon matching, bilingual findings, variants. */
#include "config.h"
#include "tests.h"

#include <padan/check.h>
#include <padan/lexicon.h>
#include "check/internal.h"

static const char LEX[] =
    "#concept\tlang\tterm\tstatus\tpos\tnote\n"
    "c1\tid\tperjanjian pertahanan bersama\tpreferred\tnoun\t\n"
    "c1\ten\tmutual defense treaty\tpreferred\tnoun\t\n"
    "c1\ten\tmutual defence treaty\tadmitted\tnoun\t\n"
    "c1\ten\tmutual defense pact\tdeprecated\tnoun\t\n"
    "c2\tid\tKorea Utara\tpreferred\tpropn\t\n"
    "c2\tid\tKorut\tadmitted\tabbr\t\n"
    "c2\tid\tDPRK\tadmitted\tabbr\t\n"
    "c2\tid\tRepublik Demokratik Rakyat Korea\tadmitted\tpropn\t\n"
    "c2\ten\tNorth Korea\tpreferred\tpropn\t\n"
    "c3\tid\tnegara\tpreferred\tnoun\t\n"
    "c3\ten\tcountry\tpreferred\tnoun\t\n"
    "c3\ten\tstate\tadmitted\tnoun\t\n"
    "c4\tid\tRodong Sinmun\tpreferred\tpropn\t\n"
    "c4\ten\tRodong Sinmun\tpreferred\tpropn\t\n"
    "c5\tid\tKim Il Sung\tpreferred\tpropn\t\n"
    "c5\tid\tKim Il-sung\tadmitted\tpropn\t\n"
    "c5\ten\tKim Il Sung\tpreferred\tpropn\t\n";

static padan_lexicon *lex_new(void) {
  padan_lexicon *lex = padan_lexicon_new();
  CU_ASSERT_PTR_NOT_NULL_FATAL(lex);
  CU_ASSERT_EQUAL(padan_lexicon_load_mem(lex, "t.tsv", LEX, sizeof LEX - 1, PADAN_LEXFMT_TSV, 0),
                  PADAN_OK);
  return lex;
}

static void test_en_norm(void) {
  const char *in[] = {"Treaties", "countries", "Boxes", "pacts", "Status", "analysis", "class",
                      "North", "Iraqis", "policemen"};
  const char *want[] = {"treaty", "country", "box", "pact", "status", "analysis", "class",
                        "north", "iraqi", "policeman"};
  for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
    pd_buf b;
    pd_buf_init(&b);
    CU_ASSERT_EQUAL(pd_chk_en_norm(in[i], strlen(in[i]), &b), PADAN_OK);
    CU_ASSERT_STRING_EQUAL(b.p, want[i]);
    pd_buf_free(&b);
  }
  /* verb keys: inflected English forms meet their base form; different words stay apart */
  const char *same[][2] = {{"signed", "sign"}, {"signing", "signs"}, {"agreed", "agree"},
                           {"stopped", "stop"}, {"based", "bases"}, {"allied", "ally"},
                           {"raided", "raid"}, {"meetings", "meeting"}};
  const char *apart[][2] = {{"signal", "sign"}, {"treaty", "treat"}, {"pact", "pace"}};
  for (int k = 0; k < 2; k++) {
    size_t n = k ? sizeof apart / sizeof *apart : sizeof same / sizeof *same;
    for (size_t i = 0; i < n; i++) {
      const char *a = k ? apart[i][0] : same[i][0], *b2 = k ? apart[i][1] : same[i][1];
      pd_buf x, y;
      pd_buf_init(&x), pd_buf_init(&y);
      pd_buf kx, ky;
      pd_buf_init(&kx), pd_buf_init(&ky);
      CU_ASSERT_EQUAL(pd_chk_en_norm(a, strlen(a), &kx), PADAN_OK);
      CU_ASSERT_EQUAL(pd_chk_en_norm(b2, strlen(b2), &ky), PADAN_OK);
      CU_ASSERT_EQUAL(pd_chk_en_vnorm(kx.p, kx.len, &x), PADAN_OK);
      CU_ASSERT_EQUAL(pd_chk_en_vnorm(ky.p, ky.len, &y), PADAN_OK);
      pd_buf_free(&kx), pd_buf_free(&ky);
      if (k) {
        CU_ASSERT_STRING_NOT_EQUAL(x.p, y.p);
      } else {
        CU_ASSERT_STRING_EQUAL(x.p, y.p);
      }
      pd_buf_free(&x), pd_buf_free(&y);
    }
  }
  CU_ASSERT_EQUAL(pd_chk_lev("simun", 5, "sinmun", 6, 2), 1);
  CU_ASSERT_EQUAL(pd_chk_lev("korut", 5, "korea", 5, 1), 2);
}

static const padan_check_finding *find(padan_checker *c, int kind, const char *id_term) {
  for (size_t i = 0; i < padan_check_count(c); i++) {
    const padan_check_finding *f = padan_check_get(c, i);
    if (f->kind == kind && (!id_term || strcmp(f->id_term, id_term) == 0))
      return f;
  }
  return NULL;
}

static void test_pairs(void) {
  padan_lexicon *lex = lex_new();
  padan_checker *c = NULL;
  CU_ASSERT_EQUAL_FATAL(padan_checker_new(lex, &c), PADAN_OK);
  const char *id = "Korea Utara menandatangani perjanjian pertahanan bersama.\n"
                   "Perjanjian pertahanan bersama itu penting bagi kedua negara.\n"
                   "Korut menolak perjanjian pertahanan bersama.\n"
                   "Negara-negara itu setuju.\n";
  const char *en = "North Korea signed a mutual defense treaty.\n"
                   "The Mutual Defence Treaties matter to both countries.\n"
                   "Pyongyang rejected the mutual defense pact.\n"
                   "Those nations agreed.\n";
  CU_ASSERT_EQUAL(padan_check_pairs(c, id, strlen(id), en, strlen(en), PADAN_CHECK_LINES),
                  PADAN_OK);
  /* line 3: Korut without North Korea; deprecated pact; line 4: negara-negara -> nations */
  const padan_check_finding *f = find(c, PADAN_CHECK_MISSING, "Korut");
  CU_ASSERT_PTR_NOT_NULL(f);
  if (f) {
    CU_ASSERT_STRING_EQUAL(f->id_lines, "3");
    CU_ASSERT_STRING_EQUAL(f->expected, "North Korea");
    CU_ASSERT_STRING_EQUAL(f->concept, "c2");
  }
  f = find(c, PADAN_CHECK_DEPRECATED, NULL);
  CU_ASSERT_PTR_NOT_NULL(f);
  if (f) {
    CU_ASSERT_STRING_EQUAL(f->found, "mutual defense pact");
    CU_ASSERT_STRING_EQUAL(f->en_lines, "3");
  }
  f = find(c, PADAN_CHECK_MISSING, "negara");
  CU_ASSERT_PTR_NOT_NULL(f);
  if (f) {
    CU_ASSERT_STRING_EQUAL(f->id_form, "Negara-negara");
    CU_ASSERT_PTR_NOT_NULL(strstr(f->found, "nations"));
  }
  /* lines 1 and 2 are fine (plural and case tolerated) */
  for (size_t i = 0; i < padan_check_count(c); i++) {
    const padan_check_finding *g = padan_check_get(c, i);
    if (g->kind != PADAN_CHECK_INCONSISTENT) {
      CU_ASSERT(strcmp(g->id_lines, "1") != 0 && strcmp(g->id_lines, "2") != 0);
    }
  }
  /* c1 rendered three ways */
  f = find(c, PADAN_CHECK_INCONSISTENT, NULL);
  CU_ASSERT_PTR_NOT_NULL(f);
  if (f) {
    CU_ASSERT_STRING_EQUAL(f->concept, "c1");
    CU_ASSERT_EQUAL(f->nforms, 3);
  }
  CU_ASSERT_EQUAL(padan_check_count(c), 4);
  /* nothing to report */
  CU_ASSERT_EQUAL(padan_check_pairs(c, "Korea Utara.", 12, "North Korea.", 12, PADAN_CHECK_LINES),
                  PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_count(c), 0);
  padan_checker_free(c);
  padan_lexicon_free(lex);
}

static void test_variants(void) {
  padan_lexicon *lex = lex_new();
  padan_checker *c = NULL;
  CU_ASSERT_EQUAL_FATAL(padan_checker_new(lex, &c), PADAN_OK);
  const char *a = "Kata Rodong Simun, Korea Utara kuat. Kakeknya Kim Il-sung dulu memimpin.\n"
                  "Korea Utara dan Republik Rakyat Demokratik Korea sama. Kerjasama baik.\n";
  const char *b = "Pendiri Korut adalah Kim Il Sung. Republik Demokratik Rakyat Korea.\n"
                  "Kerja sama itu penting. Negara dan negara-negara lain.\n";
  CU_ASSERT_EQUAL(padan_check_variants_add(c, "a.txt", a, strlen(a)), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_variants_add(c, "b.txt", b, strlen(b)), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_variants(c), PADAN_OK);
  const padan_check_finding *f = find(c, PADAN_CHECK_NEARMISS, "Rodong Simun");
  CU_ASSERT_PTR_NOT_NULL(f);
  if (f) {
    CU_ASSERT_STRING_EQUAL(f->expected, "Rodong Sinmun");
    CU_ASSERT_STRING_EQUAL(f->file, "a.txt");
    CU_ASSERT_EQUAL(f->line, 1);
  }
  f = find(c, PADAN_CHECK_SPELLING, NULL);
  CU_ASSERT_PTR_NOT_NULL(f);
  int kim = 0, kerja = 0, order = 0, variants = 0;
  for (size_t i = 0; i < padan_check_count(c); i++) {
    f = padan_check_get(c, i);
    if (f->kind == PADAN_CHECK_SPELLING && strcmp(f->concept, "c5") == 0)
      kim = f->nforms == 2;
    if (f->kind == PADAN_CHECK_SPELLING && !*f->concept && f->nforms == 2 &&
        (strcmp(f->forms[0].form, "Kerjasama") == 0 || strcmp(f->forms[1].form, "Kerjasama") == 0))
      kerja = 1;
    if (f->kind == PADAN_CHECK_ORDER)
      order = f->nforms == 2;
    if (f->kind == PADAN_CHECK_VARIANTS && strcmp(f->concept, "c2") == 0)
      variants = f->nforms == 3; /* Korea Utara, Korut, Republik ... */
    /* negara / negara-negara is morphology, not a variant */
    CU_ASSERT(strcmp(f->concept, "c3") != 0);
  }
  CU_ASSERT(kim);
  CU_ASSERT(kerja);
  CU_ASSERT(order);
  CU_ASSERT(variants);
  padan_checker_free(c);
  padan_lexicon_free(lex);
}

/* The findings of the variants check as one string (everything the writers show). */
static void variants_print(padan_checker *c, pd_buf *out) {
  pd_buf_clear(out);
  for (size_t i = 0; i < padan_check_count(c); i++) {
    const padan_check_finding *f = padan_check_get(c, i);
    pd_buf_printf(out, "%d|%s|%s|%s|%s:%zu|", f->kind, f->concept, f->id_term, f->expected,
                  f->file, f->line);
    for (size_t k = 0; k < f->nforms; k++)
      pd_buf_printf(out, "%s x%zu %s:%zu,", f->forms[k].form, f->forms[k].count, f->forms[k].file,
                    f->forms[k].line);
    pd_buf_printf(out, "|%s|", f->id_text);
    for (size_t k = 0; k < f->nid_marks; k++)
      pd_buf_printf(out, "%zu+%zu,", f->id_marks[k].start, f->id_marks[k].len);
    pd_buf_putc(out, '\n');
  }
}

/* Documents given in pieces (cut between words anywhere, one piece per word,
 * or a long line in parts) give the findings of the whole documents. */
static void test_variants_pieces(void) {
  padan_lexicon *lex = lex_new();
  padan_checker *c = NULL;
  CU_ASSERT_EQUAL_FATAL(padan_checker_new(lex, &c), PADAN_OK);
  char line[1024];
  const char *docs[3] = {
      "Kata Rodong Simun, Korea Utara kuat. Kakeknya Kim Il-sung dulu memimpin.\n"
      "Korea Utara dan Republik Rakyat Demokratik Korea sama. Kerjasama baik.\n",
      "Pendiri Korut adalah Kim Il Sung. Republik Demokratik Rakyat Korea.\n"
      "Kerja sama itu penting. Negara dan negara-negara lain. Korea Utara (Korut) menolak.\n",
      "Juru bicara Wijayakusuma hadir. Kata Wijayakusuma lagi. Menteri Wijayakusuma datang.\n"
      "Lalu Wijayakusma pergi. Kerja-sama itu baik. Korea Utara, DPRK dan Korut.\n"};
  const char *names[3] = {"a.txt", "b.txt", "c.txt"};
  pd_buf whole, got;
  pd_buf_init(&whole);
  pd_buf_init(&got);
  for (int lines = 0; lines < 2; lines++) {
    /* lines = 1: the third document on one line */
    snprintf(line, sizeof line, "%s", docs[2]);
    for (char *q = line; lines && *q; q++)
      if (*q == '\n')
        *q = ' ';
    const char *d[3] = {docs[0], docs[1], line};
    for (int k = 0; k < 3; k++)
      CU_ASSERT_EQUAL(padan_check_variants_add(c, names[k], d[k], strlen(d[k])), PADAN_OK);
    CU_ASSERT_EQUAL(padan_check_variants(c), PADAN_OK);
    CU_ASSERT(padan_check_count(c) >= 5);
    variants_print(c, &whole);
    CU_ASSERT_PTR_NOT_NULL(strstr(whole.p, "Wijayakusma"));
    CU_ASSERT_PTR_NOT_NULL(strstr(whole.p, "Kerjasama"));
    /* cut once after each space of each document; then a piece per word */
    for (size_t doc = 0; doc < 3; doc++) {
      size_t n = strlen(d[doc]);
      for (size_t cut = 0; cut <= n; cut++) {
        int every = cut == n;
        if (!every && (cut == 0 || d[doc][cut - 1] != ' '))
          continue;
        for (int k = 0; k < 3; k++) {
          size_t len = strlen(d[k]), a = 0;
          if (k == (int)doc && !every) {
            CU_ASSERT_EQUAL(padan_check_variants_add_piece(c, names[k], d[k], cut), PADAN_OK);
            a = cut;
          }
          if (k == (int)doc && every) {
            for (size_t i = 0; i < len; i++)
              if (d[k][i] == ' ' || d[k][i] == '\n') {
                CU_ASSERT_EQUAL(padan_check_variants_add_piece(c, names[k], d[k] + a, i + 1 - a),
                                PADAN_OK);
                a = i + 1;
              }
          }
          CU_ASSERT_EQUAL(padan_check_variants_add_piece(c, names[k], d[k] + a, len - a), PADAN_OK);
          CU_ASSERT_EQUAL(padan_check_variants_end_doc(c), PADAN_OK);
        }
        CU_ASSERT_EQUAL(padan_check_variants(c), PADAN_OK);
        variants_print(c, &got);
        CU_ASSERT_STRING_EQUAL(got.p ? got.p : "", whole.p);
      }
    }
  }
  /* an empty batch, and a document given as no piece at all */
  CU_ASSERT_EQUAL(padan_check_variants(c), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_count(c), 0);
  CU_ASSERT_EQUAL(padan_check_variants_add_piece(c, "e.txt", "", 0), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_variants_end_doc(c), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_variants(c), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_count(c), 0);
  CU_ASSERT_EQUAL(padan_check_variants_add_piece(c, "x", NULL, 3), PADAN_EARG);
  pd_buf_free(&whole);
  pd_buf_free(&got);
  padan_checker_free(c);
  padan_lexicon_free(lex);
}

/* Regressions: a capitalized term needs a capital (antara is "between", not the
 * news agency Antara); an acronym needs capitals (As-Sadr is not AS); a
 * hyphenated common-word compound is not its part (non-pemerintah). */
static void test_match_case(void) {
  padan_lexicon *lex = padan_lexicon_new();
  CU_ASSERT_PTR_NOT_NULL_FATAL(lex);
  CU_ASSERT_EQUAL(padan_lexicon_add(lex, "t", "a1", "", "id", "Antara", PADAN_TERM_PREFERRED, "propn", ""), PADAN_OK);
  CU_ASSERT_EQUAL(padan_lexicon_add(lex, "t", "a1", "", "en", "Antara news agency", PADAN_TERM_PREFERRED, "propn", ""), PADAN_OK);
  CU_ASSERT_EQUAL(padan_lexicon_add(lex, "t", "a2", "", "id", "AS", PADAN_TERM_PREFERRED, "abbr", ""), PADAN_OK);
  CU_ASSERT_EQUAL(padan_lexicon_add(lex, "t", "a2", "", "en", "US", PADAN_TERM_PREFERRED, "abbr", ""), PADAN_OK);
  CU_ASSERT_EQUAL(padan_lexicon_add(lex, "t", "a3", "", "id", "pemerintah", PADAN_TERM_PREFERRED, "noun", ""), PADAN_OK);
  CU_ASSERT_EQUAL(padan_lexicon_add(lex, "t", "a3", "", "en", "government", PADAN_TERM_PREFERRED, "noun", ""), PADAN_OK);
  padan_checker *c = NULL;
  CU_ASSERT_EQUAL_FATAL(padan_checker_new(lex, &c), PADAN_OK);
  const char *id = "Jarak antara kota itu jauh, kata wakil As-Sadr dari organisasi non-pemerintah.\n"
                   "Menurut Antara, pejabat AS dan pemerintahnya setuju.\n";
  const char *en = "The cities are far apart, said an aide of Sadr from a non-governmental group.\n"
                   "Officials agreed, the agency reported.\n";
  CU_ASSERT_EQUAL(padan_check_pairs(c, id, strlen(id), en, strlen(en), PADAN_CHECK_LINES), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_count(c), 3);
  for (size_t i = 0; i < padan_check_count(c); i++)
    CU_ASSERT_STRING_EQUAL(padan_check_get(c, i)->id_lines, "2");
  const padan_check_finding *f = find(c, PADAN_CHECK_MISSING, "pemerintah");
  CU_ASSERT_PTR_NOT_NULL(f);
  if (f)
    CU_ASSERT_STRING_EQUAL(f->id_form, "pemerintahnya");
  padan_checker_free(c);
  padan_lexicon_free(lex);
}

/* Every field of a finding as one string. */
static void ser(pd_buf *b, const padan_check_finding *f) {
  pd_buf_printf(b, "%d|%s|%s|%s|%s|%s|%s|%s|%s|%zu|%s|%s|", f->kind, f->concept, f->id_term,
                f->expected, f->found, f->id_form, f->id_lines, f->en_lines, f->file, f->line,
                f->id_text, f->en_text);
  for (size_t k = 0; k < f->nforms; k++)
    pd_buf_printf(b, "%s:%zu:%s:%zu,", f->forms[k].form, f->forms[k].count, f->forms[k].file,
                  f->forms[k].line);
  for (size_t k = 0; k < f->nid_marks; k++)
    pd_buf_printf(b, "i%zu+%zu", f->id_marks[k].start, f->id_marks[k].len);
  for (size_t k = 0; k < f->nen_marks; k++)
    pd_buf_printf(b, "e%zu+%zu", f->en_marks[k].start, f->en_marks[k].len);
  pd_buf_putc(b, '\n');
}

static int ser_emit(void *ud, const padan_check_finding *f) {
  ser(ud, f);
  return 0;
}

static int stop_emit(void *ud, const padan_check_finding *f) {
  (void)f;
  (*(int *)ud)++;
  return PADAN_EIO;
}

/* Gives the lines of id/en (split at LF) to padan_check_pairs_add. */
static int add_lines(padan_checker *c, const char *id, const char *en) {
  for (;;) {
    const char *a = *id ? strchr(id, '\n') : NULL, *b = *en ? strchr(en, '\n') : NULL;
    if (*id && !a)
      a = id + strlen(id);
    if (*en && !b)
      b = en + strlen(en);
    if (!a && !b)
      return PADAN_OK;
    int rc = padan_check_pairs_add(c, a ? id : NULL, a ? (size_t)(a - id) : 0, b ? en : NULL,
                                   b ? (size_t)(b - en) : 0);
    if (rc)
      return rc;
    id = a ? (*a ? a + 1 : a) : id;
    en = b ? (*b ? b + 1 : b) : en;
  }
}

/* The streaming check (pair by pair, two passes) finds what the whole-text
 * check finds, in the same order: document-wide guesses of what was used
 * instead (a word seen in several misses, a word copied from the Indonesian
 * elsewhere), CR line ends, empty lines, an English side one line short. */
static void test_pairs_stream(void) {
  padan_lexicon *lex = lex_new();
  padan_checker *c = NULL;
  CU_ASSERT_EQUAL_FATAL(padan_checker_new(lex, &c), PADAN_OK);
  const char *id = "Korea Utara menandatangani perjanjian pertahanan bersama.\n"
                   "Negara itu kuat dan Pyongyang setuju.\r\n"
                   "Perjanjian pertahanan bersama itu penting bagi kedua negara.\n"
                   "\n"
                   "Negara itu menolak.\n"
                   "Korut menolak perjanjian pertahanan bersama.\n"
                   "Negara Korut itu menolak Pyongyang.\n"
                   "Rakyat negara itu marah.\n"
                   "Kim Il Sung dan Rodong Sinmun.\n";
  const char *en = "North Korea signed a mutual defense treaty.\n"
                   "The nation is strong and Pyongyang agreed.\r\n"
                   "The Mutual Defence Treaties matter to both countries.\n"
                   "Nothing here.\n"
                   "The nation refused.\n"
                   "Pyongyang rejected the mutual defense pact.\n"
                   "The nation of Pyongyang refused Pyongyang.\n"
                   "The people of the nation were angry.\n";
  pd_buf whole, str;
  pd_buf_init(&whole);
  pd_buf_init(&str);
  CU_ASSERT_EQUAL_FATAL(padan_check_pairs(c, id, strlen(id), en, strlen(en), PADAN_CHECK_LINES),
                        PADAN_OK);
  size_t nwhole = padan_check_count(c);
  for (size_t i = 0; i < nwhole; i++)
    ser(&whole, padan_check_get(c, i));
  CU_ASSERT(nwhole >= 6);
  const padan_check_finding *f = find(c, PADAN_CHECK_MISSING, "negara");
  CU_ASSERT_PTR_NOT_NULL(f);
  if (f)
    CU_ASSERT_STRING_EQUAL(f->found, "nation"); /* seen in several misses */
  size_t n = 0;
  CU_ASSERT_EQUAL_FATAL(padan_check_pairs_begin(c, PADAN_CHECK_LINES, ser_emit, &str), PADAN_OK);
  CU_ASSERT_EQUAL(add_lines(c, id, en), PADAN_OK);
  CU_ASSERT_EQUAL(str.len, 0); /* nothing reported by the first pass */
  CU_ASSERT_EQUAL(padan_check_pairs_rewind(c, &n), PADAN_OK);
  CU_ASSERT_EQUAL(n, nwhole);
  CU_ASSERT_EQUAL(add_lines(c, id, en), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_pairs_finish(c), PADAN_OK);
  for (size_t i = 0; i < padan_check_count(c); i++) {
    CU_ASSERT_EQUAL(padan_check_get(c, i)->kind, PADAN_CHECK_INCONSISTENT);
    ser(&str, padan_check_get(c, i));
  }
  CU_ASSERT_PTR_NOT_NULL_FATAL(whole.p);
  CU_ASSERT_PTR_NOT_NULL_FATAL(str.p);
  CU_ASSERT_STRING_EQUAL(str.p, whole.p);
  /* a second pass over other pairs is an error; so is add without begin */
  CU_ASSERT_EQUAL(padan_check_pairs_begin(c, PADAN_CHECK_LINES, ser_emit, &str), PADAN_OK);
  CU_ASSERT_EQUAL(add_lines(c, id, en), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_pairs_rewind(c, &n), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_pairs_add(c, "Korut.", 6, "x", 1), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_pairs_finish(c), PADAN_EARG);
  CU_ASSERT_EQUAL(padan_check_pairs_add(c, "Korut.", 6, "x", 1), PADAN_EARG);
  /* a non-zero return of emit stops the check */
  int calls = 0;
  CU_ASSERT_EQUAL(padan_check_pairs_begin(c, PADAN_CHECK_LINES, stop_emit, &calls), PADAN_OK);
  CU_ASSERT_EQUAL(add_lines(c, id, en), PADAN_OK);
  CU_ASSERT_EQUAL(padan_check_pairs_rewind(c, &n), PADAN_OK);
  CU_ASSERT_EQUAL(add_lines(c, id, en), PADAN_EIO);
  CU_ASSERT_EQUAL(calls, 1);
  pd_buf_free(&whole);
  pd_buf_free(&str);
  padan_checker_free(c);
  padan_lexicon_free(lex);
}

/* Gives each side in pieces of `step` lines, to the side the checker asks for. */
static int add_texts(padan_checker *c, const char *id, const char *en, int step) {
  const char *at[2] = {id, en};
  int side;
  while ((side = padan_check_pairs_want(c)) >= 0) {
    const char *e = at[side];
    for (int k = 0; k < step && *e; k++) {
      const char *nl = strchr(e, '\n');
      e = nl ? nl + 1 : e + strlen(e);
    }
    int rc = padan_check_pairs_text(c, side, at[side], (size_t)(e - at[side]), *e == '\0');
    if (rc)
      return rc;
    at[side] = e;
  }
  return PADAN_OK;
}

/* Sentence mode streamed: sentences that run over line ends and pieces, a
 * sentence alone on its line, the findings of the whole-text check. */
static void test_sentences_stream(void) {
  padan_lexicon *lex = lex_new();
  padan_checker *c = NULL;
  CU_ASSERT_EQUAL_FATAL(padan_checker_new(lex, &c), PADAN_OK);
  const char *id = "Korea Utara menandatangani perjanjian pertahanan bersama. Negara itu\n"
                   "kuat dan Pyongyang setuju. Perjanjian pertahanan bersama itu penting\n"
                   "bagi kedua negara.\n\nNegara itu menolak. Korut menolak perjanjian\n"
                   "pertahanan bersama. Negara Korut itu menolak Pyongyang.\n"
                   "Rakyat negara itu marah. Kim Il Sung dan Rodong Sinmun.\n";
  const char *en = "North Korea signed a mutual defense treaty.\nThe nation is strong and\n"
                   "Pyongyang agreed. The Mutual Defence Treaties matter to both countries.\n"
                   "The nation refused. Pyongyang rejected\nthe mutual defense pact.\n"
                   "The nation of Pyongyang refused Pyongyang. The people of the nation\n"
                   "were angry. Kim Il Sung and Rodong Sinmun.\n";
  pd_buf whole, str;
  pd_buf_init(&whole);
  CU_ASSERT_EQUAL_FATAL(padan_check_pairs(c, id, strlen(id), en, strlen(en), 0), PADAN_OK);
  size_t nwhole = padan_check_count(c);
  for (size_t i = 0; i < nwhole; i++)
    ser(&whole, padan_check_get(c, i));
  CU_ASSERT(nwhole >= 4);
  CU_ASSERT_PTR_NOT_NULL_FATAL(whole.p);
  CU_ASSERT_PTR_NOT_NULL(strstr(whole.p, "|5|4||5|")); /* id line 5 aligned with en line 4 */
  for (int step = 1; step <= 3; step++) {
    size_t n = 0;
    pd_buf_init(&str);
    CU_ASSERT_EQUAL_FATAL(padan_check_pairs_begin(c, 0, ser_emit, &str), PADAN_OK);
    CU_ASSERT_EQUAL(padan_check_pairs_add(c, "x", 1, "y", 1), PADAN_EARG);
    CU_ASSERT_EQUAL(add_texts(c, id, en, step), PADAN_OK);
    CU_ASSERT_EQUAL(padan_check_pairs_rewind(c, &n), PADAN_OK);
    CU_ASSERT_EQUAL(n, nwhole);
    CU_ASSERT_EQUAL(add_texts(c, id, en, step), PADAN_OK);
    CU_ASSERT_EQUAL(padan_check_pairs_finish(c), PADAN_OK);
    for (size_t i = 0; i < padan_check_count(c); i++)
      ser(&str, padan_check_get(c, i));
    CU_ASSERT_PTR_NOT_NULL_FATAL(str.p);
    CU_ASSERT_STRING_EQUAL(str.p, whole.p);
    pd_buf_free(&str);
  }
  pd_buf_free(&whole);
  padan_checker_free(c);
  padan_lexicon_free(lex);
}

int suite_check(void) {
  CU_pSuite s = CU_add_suite("check", NULL, NULL);
  if (!s || !CU_add_test(s, "English keys and edit distance", test_en_norm) ||
      !CU_add_test(s, "bilingual findings", test_pairs) ||
      !CU_add_test(s, "bilingual findings streamed pair by pair", test_pairs_stream) ||
      !CU_add_test(s, "sentence mode streamed in pieces", test_sentences_stream) ||
      !CU_add_test(s, "source-side variants", test_variants) ||
      !CU_add_test(s, "variants: pieces give the findings of whole documents", test_variants_pieces) ||
      !CU_add_test(s, "case and compounds in matching", test_match_case))
    return 1;
  return 0;
}
