/* test_numbers.c - number extraction, normalization and the preservation
 * check, per language, with the hard cases: locale separators and their
 * ambiguity, scale words, currencies, ranges, dates, times, quarters,
 * ordinals, spelled-out and weak numbers, and the data files' validation. */
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#ifndef TQE_REFERENCES_DIR
#error "TQE_REFERENCES_DIR must name the references/ directory"
#endif

/* Extractors opened once per language for the whole run (opening one
 * formats a few thousand spelled-out numbers). */
typedef struct handles {
    tqe_ctx *ctx;
    tqe_numbers *x[24];
    tqe_numbers *y[24]; /* a second handle per language, for comparisons */
    char lang[24][8];
    size_t n;
} handles;

static handles H;

static int group_setup(void **state)
{
    (void)state;
    return tqe_ctx_new(&H.ctx);
}

static int group_teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < H.n; i++) {
        tqe_numbers_free(H.x[i]);
        tqe_numbers_free(H.y[i]);
    }
    tqe_ctx_free(H.ctx);
    return 0;
}

static tqe_numbers *handle(const char *lang, int second)
{
    for (size_t i = 0; i < H.n; i++)
        if (strcmp(H.lang[i], lang) == 0) return second ? H.y[i] : H.x[i];
    assert_true(H.n < 24);
    size_t i = H.n++;
    snprintf(H.lang[i], sizeof H.lang[i], "%s", lang);
    if (tqe_numbers_new(&H.x[i], H.ctx, lang, TQE_REFERENCES_DIR) ||
        tqe_numbers_new(&H.y[i], H.ctx, lang, TQE_REFERENCES_DIR))
        fail_msg("open %s: %s", lang, tqe_ctx_errmsg(H.ctx));
    return second ? H.y[i] : H.x[i];
}

/* The checked mentions of text as "kind value|kind value" ("cardinal 2",
 * "currency 6e10 USD"); weak mentions are written "(weak 1)". */
static void mentions(char *out, size_t cap, const char *lang, const char *text)
{
    tqe_numbers *x = handle(lang, 0);
    const tqe_number *m;
    size_t n;
    if (tqe_numbers_extract(x, text, strlen(text), &m, &n)) fail_msg("%s", tqe_ctx_errmsg(H.ctx));
    tqe_buf b = TQE_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i) tqe_buf_puts(&b, "|");
        bool weak = m[i].flags & TQE_NUMF_WEAK;
        tqe_buf_printf(&b, "%s%s ", weak ? "(weak " : "", weak ? "" : tqe_num_kind_name(m[i].kind));
        if (weak) b.len--, b.data[b.len] = '\0';
        tqe_number_describe(&b, &m[i]);
        if (weak) tqe_buf_puts(&b, ")");
    }
    snprintf(out, cap, "%s", b.data ? b.data : "");
    tqe_buf_free(&b);
}

#define expect(lang, text, want)                                                                   \
    do {                                                                                           \
        char got_[1024];                                                                           \
        mentions(got_, sizeof got_, (lang), (text));                                               \
        if (strcmp(got_, (want)) != 0)                                                             \
            fail_msg("%s: \"%s\"\n  got  %s\n  want %s", (lang), (text), got_, (want));            \
    } while (0)

/* Compare a source text with a translation; returns the findings as
 * "missing|altered|extra" names and fills *st. The list is kept for
 * detail checks until the next call. */
static tqe_issue_list *last_issues;

static void compare(char *out, size_t cap, tqe_numbers_stats *st, const char *sl, const char *src,
                    const char *tl, const char *tgt)
{
    const tqe_number *ms = NULL, *mt = NULL;
    size_t ns = 0, nt = 0;
    tqe_numbers *xs = handle(sl, 0), *xt = handle(tl, 1);
    if (tqe_numbers_extract(xs, src, strlen(src), &ms, &ns) ||
        tqe_numbers_extract(xt, tgt, strlen(tgt), &mt, &nt))
        fail_msg("%s", tqe_ctx_errmsg(H.ctx));
    if (!last_issues) assert_int_equal(tqe_issue_list_new(&last_issues), 0);
    tqe_issue_list_clear(last_issues);
    memset(st, 0, sizeof(*st));
    assert_int_equal(tqe_numbers_compare(last_issues, H.ctx, src, strlen(src), ms, ns, tgt,
                                         strlen(tgt), mt, nt, st),
                     0);
    out[0] = '\0';
    for (size_t i = 0; i < tqe_issue_list_count(last_issues); i++) {
        const tqe_issue *is = tqe_issue_list_get(last_issues, i);
        const char *name = tqe_issue_type_name(is->type) + strlen("number_");
        size_t len = strlen(out);
        snprintf(out + len, cap - len, "%s%s", i ? "|" : "", name);
    }
}

#define check(sl, src, tl, tgt, want)                                                              \
    do {                                                                                           \
        char got_[256];                                                                            \
        tqe_numbers_stats st_;                                                                     \
        compare(got_, sizeof got_, &st_, (sl), (src), (tl), (tgt));                                \
        if (strcmp(got_, (want)) != 0) {                                                           \
            for (size_t i_ = 0; i_ < tqe_issue_list_count(last_issues); i_++)                      \
                print_message("  %s\n", tqe_issue_list_get(last_issues, i_)->detail);              \
            fail_msg("%s -> %s:\n  %s\n  %s\n  got  [%s]\n  want [%s]", (sl), (tl), (src), (tgt),  \
                     got_, (want));                                                                \
        }                                                                                          \
    } while (0)

/* ---- English, the source language ---- */

static void test_en_extract(void **state)
{
    (void)state;
    expect("en", "Meta might spend $60 billion-$80 billion on CapEx in 2025.",
           "currency 6e10 USD|currency 8e10 USD|year 2025");
    expect("en", "Updated 3/21 at 1:54 p.m.: see the Q3 2024 call.",
           "date 03-21|time 13:54|quarter Q3|year 2024");
    expect("en", "It grew 1,686 cases, or 95% (up from 9.5 per cent).",
           "cardinal 1686|percent 95%|percent 9.5%");
    expect("en", "twenty-five boxes, a dozen eggs and one of the jars",
           "cardinal 25|cardinal 12|(weak 1)");
    expect("en", "On March 21st, in the 1990s and the '80s, sales doubled: roughly double.",
           "date 03-21|year 1990s|year 80s|multiplicative x2|multiplicative x2");
    expect("en", "We upgraded to GPT-4 and Windows 11, see https://example.com/v2/page3.",
           "cardinal 4|cardinal 11");
    expect("en", "Rates rose 3-4 times; it fell to -5 at 9pm, a 1/2 inch gap, 85 miles (137 km).",
           "multiplicative x3|multiplicative x4|cardinal -5|time 21:00|cardinal 0.5|cardinal "
           "85|cardinal 137");
    expect("en", "the third quarter, the 21st century, World War II, a million fans",
           "quarter Q3|ordinal 21|ordinal 2|cardinal 1e6");
    /* "May" is a month only where written as a month (capitalized). */
    expect("en", "You may 5 times, but on May 5 we close.", "multiplicative x5|date 05-05");
}

static void test_en_units_and_ranges(void **state)
{
    (void)state;
    const tqe_number *m;
    size_t n;
    const char *t = "between 60 and 80 million people, 1,000 km";
    assert_int_equal(tqe_numbers_extract(handle("en", 0), t, strlen(t), &m, &n), 0);
    assert_int_equal(n, 3);
    assert_true(m[0].flags & TQE_NUMF_RANGE);
    assert_near(m[0].value, 6e7, 0);
    assert_near(m[1].value, 8e7, 0);
    assert_str(m[2].unit, "km");
    assert_false(m[2].flags & TQE_NUMF_AMBIGUOUS); /* English reads its own grouping */
    assert_int_equal(m[1].start, strlen("between 60 and "));
    assert_int_equal(m[1].end, strlen("between 60 and 80 million"));
}

/* Figures too long for a double are no mentions: their value was inf, or
 * NaN once digit groups were combined (found by fuzz_numbers). */
static void test_beyond_double(void **state)
{
    (void)state;
    char nines[401], t[1000];
    memset(nines, '9', 400);
    nines[400] = '\0';
    snprintf(t, sizeof t, "%s,%s and 12", nines, nines);
    expect("en", t, "cardinal 12");
    snprintf(t, sizeof t, "1,%s and 12", nines);
    expect("de", t, "cardinal 12");
    expect("en", nines, "");
}

/* ---- German ---- */

static void test_de_separators(void **state)
{
    (void)state;
    expect("de",
           "1.234,5 und 1\xC2\xA0"
           "234,5 und 1\xE2\x80\xAF"
           "234,5 und 1’234.5",
           "cardinal 1234.5|cardinal 1234.5|cardinal 1234.5|cardinal 1234.5");
    /* "1,000" in German is 1 by the locale; the English reading is kept. */
    const tqe_number *m;
    size_t n;
    const char *t = "1,000 Menschen und 1.500 Euro";
    assert_int_equal(tqe_numbers_extract(handle("de", 0), t, strlen(t), &m, &n), 0);
    assert_int_equal(n, 2);
    assert_true(m[0].flags & TQE_NUMF_AMBIGUOUS);
    assert_near(m[0].value, 1, 0);
    assert_near(m[0].alt_value, 1000, 0);
    assert_false(m[1].flags & TQE_NUMF_AMBIGUOUS); /* German grouping read as written */
    assert_near(m[1].value, 1500, 0);
    expect("de", "um 12.39 Uhr", "time 12:39 or 0:39");
    /* With a decimal comma, a plain space groups too ("380 000", DIN 5008),
     * before exactly three digits and after at most three; English keeps
     * such numbers apart. */
    expect("de", "380 000 Menschen, 1 234 567,5 Euro, im Jahr 2019 200 Menschen",
           "cardinal 380000|currency 1234567.5 EUR|year 2019|cardinal 200");
    expect("hr", "više od 380 000 stanovnika", "cardinal 380000");
    expect("de", "Zimmer 12 3456", "cardinal 12|cardinal 3456");
    expect("en", "rooms 380 000", "cardinal 380|cardinal 0");
}

static void test_de_extract(void **state)
{
    (void)state;
    expect("de", "Es will 2025 zwischen 60 und 80 Milliarden Dollar ausgeben.",
           "year 2025|currency 6e10 USD|currency 8e10 USD");
    expect("de", "60.000 Millionen Dollar, 2,5 Mrd. Euro, 3 Mio.",
           "currency 6e10 USD|currency 2.5e9 EUR|cardinal 3e6");
    expect("de", "Am 21. März um 13.54 Uhr, im 3. Quartal 2024",
           "date 03-21|time 13:54|quarter "
           "Q3|year 2024");
    expect("de", "in den 90er Jahren, doppelt so viel, zwei Berichte, ein Bericht",
           "year 90s|multiplicative x2|cardinal 2|(weak 1)");
    expect("de", "am 26. und 27. November", "date 11-26|date 11-27");
    /* Compounds stand for plain counts, weakly: "fünfmonatige Pause". */
    expect("de", "nach einer fünfmonatigen Pause", "(weak 1)|(weak 5)");
}

static void test_de_compare(void **state)
{
    (void)state;
    check("en", "Meta might spend $60 billion-$80 billion in 2025.", "de",
          "Meta könnte 2025 zwischen 60 und 80 Milliarden Dollar ausgeben.", "");
    check("en", "It spent $60 billion.", "de", "Es gab 60.000 Millionen Dollar aus.", "");
    check("en", "It spent $60 billion.", "de", "Es gab 16 Milliarden Dollar aus.", "altered");
    check("en", "It happened in 2019.", "de", "Es geschah im Jahr 2018.", "altered");
    check("en", "two reports and one of the letters", "de", "2 Berichte und einer der Briefe", "");
    check("en", "a dozen eggs", "de", "12 Eier", "");
    check("en", "It costs $5.", "de", "Es kostet etwas.", "missing");
    check("en", "He came.", "de", "Er kam um 9 Uhr.", "extra");
    check("en", "at 1:54 p.m. on 3/21", "de", "am 21. März um 13.54 Uhr", "");
    check("en", "in the 1990s", "de", "in den 90er Jahren", "");
    check("en", "roughly double", "de", "ungefähr doppelt so viel", "");
    check("en", "a five-month pause", "de", "eine fünfmonatige Pause", "");
    /* Anaphoric and idiomatic counts may go unsaid; other counts may not. */
    check("en", "talks between the two sides", "de", "Gespräche zwischen den Seiten", "");
    check("en", "Those two, followed by Enterprise.", "de", "Danach folgt Enterprise.", "");
    check("en", "the ultimate four season sleeping bag", "de", "der beste ganzjährige Schlafsack",
          "");
    check("en", "The two hostages were freed after three days.", "de",
          "Die Geiseln wurden nach Tagen befreit.", "missing|missing");
    check("en", "Those two million people left.", "de", "Diese Leute gingen.", "missing");
    /* "18.12" in an English source may be a day and a month. */
    check("en", "The parcel ships 18.12", "de", "Das Paket geht am 18.12. raus", "");
    check("en", "The parcel ships 18.12", "de", "Das Paket geht am 18.11. raus", "altered");
    check("en", "The parcel ships 18.12", "zh", "包裹于 12 月 18 日发出", "");
    check("en", "It weighs 18.13 kg.", "de", "Es wiegt 18,13 kg.", "");
    check("en", "It rose 3.5 points on 5 March.", "de", "Es stieg am 3. Mai um 3,5 Punkte.",
          "altered");
    check("en", "It cost $33.", "de", "Es kostete 33 €.", "altered");
    check("en", "50% of men on his 21st birthday", "de",
          "50 Prozent der Männer an seinem 21. Geburtstag", "");
    check("en", "on his 21st birthday", "es", "en su 21º cumpleaños", "");
}

static void test_de_ambiguous(void **state)
{
    (void)state;
    tqe_numbers_stats st;
    char got[64];
    /* The copied English format reads as the source's value: resolved by
     * context and counted, not reported. */
    compare(got, sizeof got, &st, "en", "1,000 people", "de", "1,000 Menschen");
    assert_str(got, "");
    assert_int_equal(st.ok, 1);
    assert_int_equal(st.ambiguous, 1);
    /* Neither reading matches: reported with both. */
    compare(got, sizeof got, &st, "en", "2,000 people", "de", "1,000 Menschen");
    assert_str(got, "altered");
    assert_str(tqe_issue_list_get(last_issues, 0)->detail,
               "source number 2,000 (2000) appears as 1,000 (1, or 1000) in the translation");
}

static void test_details(void **state)
{
    (void)state;
    tqe_numbers_stats st;
    char got[64];
    const char *src = "Meta will spend $60 billion.";
    compare(got, sizeof got, &st, "en", src, "de", "Meta wird Geld ausgeben.");
    assert_str(got, "missing");
    const tqe_issue *is = tqe_issue_list_get(last_issues, 0);
    assert_str(is->detail, "source amount $60 billion (6e10 USD) not found in the translation");
    assert_str(is->source, "$60 billion");
    assert_str(is->target, "");
    assert_int_equal(is->src_start, strlen("Meta will spend "));
    assert_int_equal(is->src_end, strlen("Meta will spend $60 billion"));
    assert_int_equal(is->tgt_start, TQE_NO_SPAN);
    assert_int_equal(st.src, 1);
    assert_int_equal(st.missing, 1);
    compare(got, sizeof got, &st, "en", "in 2019", "de", "im Jahr 2018 und 7 Tage");
    assert_str(got, "altered|extra");
    assert_str(tqe_issue_list_get(last_issues, 0)->detail,
               "source year 2019 appears as 2018 in the translation");
    assert_str(tqe_issue_list_get(last_issues, 0)->target, "2018");
    assert_str(tqe_issue_list_get(last_issues, 1)->detail,
               "translation number 7 has no counterpart in the source");
    assert_int_equal(st.src, 1);
    assert_int_equal(st.tgt, 2);
    assert_int_equal(st.altered, 1);
    assert_int_equal(st.extra, 1);
    /* counts are added to */
    tqe_numbers_stats total = {0};
    const tqe_number *m;
    size_t n;
    assert_int_equal(tqe_numbers_extract(handle("en", 0), "5 and 6", 7, &m, &n), 0);
    for (int k = 0; k < 3; k++)
        assert_int_equal(
            tqe_numbers_compare(last_issues, H.ctx, "5 and 6", 7, m, n, "", 0, NULL, 0, &total), 0);
    assert_int_equal(total.src, 6);
    assert_int_equal(total.missing, 6);
}

/* What is and is not reported, beyond plain values. */
static void test_policies(void **state)
{
    (void)state;
    tqe_numbers_stats st;
    char got[64];
    /* conversions: rounded ones pair up, an unconverted or wrong one is found */
    check("en", "It is 85 miles away.", "de", "Es ist 137 Kilometer entfernt.", "");
    /* dropping one figure of two is reported: a drop looks the same */
    check("en", "It is 85 miles (137 km) away.", "de", "Es ist 137 km entfernt.", "missing");
    check("en", "It is 85 miles away.", "de", "Es ist 85 km entfernt.", "altered");
    check("en", "It is 5 miles away.", "de", "Es ist 20 km entfernt.", "altered");
    check("en", "a 58 inch strap", "cs", "popruh 58 palců (145 cm)", "");
    /* repeated values, kept words, explicit articles, spelled words */
    check("en", "from 3 or more items", "zh", "3 件及 3 件以上的商品", "");
    check("en", "to Fox and Seven", "de", "an Fox und Seven", "");
    check("en", "a single dashboard", "ja", "1つのダッシュボード", "");
    check("en", "He came.", "de", "Er kam mit acht Freunden.", "");
    check("en", "He came with two friends.", "de", "Er kam mit drei Freunden.", "altered");
    check("en", "a second opinion", "de", "eine andere Meinung", "");
    /* codes: checked while the name is kept, left to the entity check if not */
    check("en", "We use GPT-4.", "de", "Wir nutzen GPT-3.", "altered");
    compare(got, sizeof got, &st, "en", "new COVID-19 cases", "zh", "新冠病例");
    assert_str(got, "");
    assert_int_equal(st.src, 0);
    check("en", "the G7 said", "de", "sagte die Gruppe", "missing");
    /* fractions, vague quantities, year and date ranges */
    check("en", "a 1/2 inch gap", "de", "ein 1/2 Zoll breiter Spalt", "");
    check("en", "more than a quarter of homes", "zh", "超过四分之一的家庭", "");
    expect("ja", "数10億ドルの契約", "");
    check("en", "three straight wins (1986-88)", "uk", "трьох перемог поспіль (1986–1988)", "");
    check("en", "on November 26 and 27", "zh", "11 月 26 日和 27 日", "");
}

/* A mistyped figure is altered even when the new value reads as another
 * kind (found with injected defects in WMT22 references). */
static void test_altered_kinds(void **state)
{
    (void)state;
    tqe_numbers_stats st;
    char got[64];
    check("en", "on November 26 and 27", "de", "am 66. und 27. November", "altered");
    check("en", "in a talk in 2010.", "de", "in einem Gespräch im Jahr 2110.", "altered");
    check("en", "won the award 34 times", "zh", "获得此奖 84 次", "altered");
    compare(got, sizeof got, &st, "en", "in a talk in 2010.", "de", "im Jahr 2110.");
    assert_str(tqe_issue_list_get(last_issues, 0)->detail,
               "source year 2010 appears as 2110 in the translation");
    /* words, percentages and amounts stand for other quantities */
    check("en", "He met two friends.", "de", "Er traf Freunde, 76 % davon.", "missing|extra");
    check("en", "It grew in 2019.", "de", "Es wuchs um 20 Dollar.", "missing|extra");
    /* the figure of an idiom or a name may go, a changed one is reported */
    check("en", "We are open 24 hours a day.", "de", "Wir haben rund um die Uhr geöffnet.", "");
    check("en", "We are open 24 hours a day.", "de", "Wir haben 23 Stunden am Tag geöffnet.",
          "altered");
    check("en", "aides in No 10 laughed", "de", "Mitarbeiter in Nr. 70 lachten", "altered");
    check("en", "aides in No 10 laughed", "de", "Mitarbeiter der Downing Street lachten", "");
    check("en", "both teams won", "de", "die 5 Teams gewannen", "extra");
}

/* ---- Romance languages ---- */

static void test_es(void **state)
{
    (void)state;
    expect("es", "gastaría entre $60 mil millones y $80 mil millones en 2025",
           "currency 6e10 USD|currency 8e10 USD|year 2025");
    expect("es", "60 mil millones de dólares, el 21 de marzo a la 1:54 p. m.",
           "currency 6e10 USD|date 03-21|time 13:54");
    expect("es", "el tercer trimestre de 2024, el 21º puesto, el 50 por ciento, el doble",
           "quarter Q3|year 2024|ordinal 21|percent 50%|multiplicative x2");
    expect("es", "dos informes y una de las cartas", "cardinal 2|(weak 1)");
    check("en", "Q3 2024", "es", "el tercer trimestre de 2024", "");
    check("en", "two days", "es", "dos días", "");
    check("en", "one of the days", "es", "uno de los días", "");
}

static void test_fr_it_pt_nl(void **state)
{
    (void)state;
    expect("fr",
           "1\xE2\x80\xAF"
           "234,5 euros, 50 pour cent, le 21 mars, au 3e trimestre",
           "currency 1234.5 EUR|percent 50%|date 03-21|quarter Q3");
    expect("fr", "60 milliards de dollars, vingt-cinq", "currency 6e10 USD|cardinal 25");
    expect("it", "60 miliardi di dollari il 21 marzo, il doppio",
           "currency 6e10 USD|date 03-21|multiplicative x2");
    expect("pt", "60 bilhões de dólares em 21 de março, 50 por cento",
           "currency 6e10 USD|date 03-21|percent 50%");
    expect("nl", "60 miljard dollar op 21 maart, vijfentwintig",
           "currency 6e10 USD|date 03-21|cardinal 25");
    check("en", "$60 billion on March 21", "fr", "60 milliards de dollars le 21 mars", "");
    /* French typography spaces the hour sign: "13 h 54" (NBSP) is 13:54 */
    expect("fr",
           "vers 13\xC2\xA0h\xC2\xA0"
           "54 et 21 h 05",
           "time 13:54|time 21:05");
    check("en", "rose by 1:54 p.m.", "fr", "a progressé à 13 h 54", "");
    /* verbs of doubling are multiplicatives */
    check("en", "It can double its output.", "fr", "Il peut doubler sa puissance.", "");
    check("en", "It can double its output.", "es", "Puede duplicar su potencia.", "");
    check("en", "It can double its output.", "de", "Es kann seine Leistung verdoppeln.", "");
    /* "a third of" is a fraction, not the ordinal 3 */
    check("en", "about a third of the demand", "de", "etwa ein Drittel der Nachfrage", "");
}

/* ---- Malay and Indonesian ---- */

static void test_ms_id(void **state)
{
    (void)state;
    expect("ms", "ia akan belanja $60 bilion - $80 bilion pada tahun 2025",
           "currency 6e10 USD|currency 8e10 USD|year 2025");
    expect("ms", "Kemaskini pada 21 Mac pada 1:54 petang, dua kali lipat, 50 peratus",
           "date 03-21|time 13:54|multiplicative x2|percent 50%");
    expect("ms", "RM5 juta dan dua puluh lima", "currency 5e6 MYR|cardinal 25");
    check("en", "Updated 3/21 at 1:54 p.m.", "ms", "Kemaskini pada 21 Mac pada 1:54 petang", "");
    check("en", "roughly double Meta's CapEx in 2024", "ms",
          "kira-kira dua kali ganda CapEx Meta pada tahun 2024", "");
    expect("id", "60 miliar dolar pada kuartal ketiga, 25 persen",
           "currency 6e10 USD|quarter Q3|percent 25%");
}

/* ---- Slavic languages ---- */

static void test_ru(void **state)
{
    (void)state;
    expect("ru", "60 млрд долларов, 1 234,5 рубля, 21 марта в 13:54",
           "currency 6e10 USD|currency 1234.5 RUB|date 03-21|time 13:54");
    expect("ru", "в третьем квартале 2024 года, в 1990-х, двух человек, пятеро",
           "quarter Q3|year 2024|year 1990s|cardinal 2|cardinal 5");
    expect("ru", "в два раза больше, 30 процентов, от 60 до 80 миллиардов",
           "multiplicative x2|percent 30%|cardinal 6e10|cardinal 8e10");
    expect("ru", "4 дня и в 4 часа дня", "cardinal 4|time 16:00");
    check("en", "two reports in Q3", "ru", "двух отчетов в третьем квартале", "");
    check("en", "an 18-year-old student", "ru", "восемнадцатилетний студент", "");
}

static void test_uk_cs_pl_hr(void **state)
{
    (void)state;
    /* Three apostrophes, one reading. */
    expect("uk", "п'ять, п’ять і пʼять", "cardinal 5|cardinal 5|cardinal 5");
    expect("uk", "60 мільярдів доларів 21 березня, 23 мільйони людей",
           "currency 6e10 USD|date 03-21|cardinal 2.3e7");
    expect("cs", "60 miliard dolarů 21. března, dvou lidí, 50 procent",
           "currency 6e10 USD|date 03-21|cardinal 2|percent 50%");
    expect("pl", "60 mld dolarów 21 marca w trzecim kwartale",
           "currency 6e10 USD|date 03-21|quarter Q3");
    expect("hr", "60 milijardi dolara 21. ožujka, 50 posto, milijun pitanja",
           "currency 6e10 USD|date 03-21|percent 50%|cardinal 1e6");
    check("en", "five agitators", "uk", "п'ятеро активістів", "");
    check("en", "in the 1990s", "hr", "u devedesetima", "");
}

/* ---- Chinese, Japanese, Korean ---- */

static void test_zh(void **state)
{
    (void)state;
    expect("zh", "将在2025年花费600亿至800亿美元", "year 2025|currency 6e10 USD|currency 8e10 USD");
    expect("zh", "3月21日下午1:54，第三季度，两倍，三个人，90年代",
           "date 03-21|time 13:54|quarter Q3|multiplicative x2|cardinal 3|year 90s");
    /* A numeral character alone is part of a word: 一起, 三星, 万一. */
    expect("zh", "我们一起去三星，万一下雨", "");
    expect("zh", "今天的200多万美元", "currency 2e6 USD");
    check("en", "$60 billion", "zh", "600亿美元", "");
    check("en", "$2 million", "zh", "200万美元", "");
    check("en", "$2 million", "zh", "20万美元", "altered");
}

static void test_ja_ko(void **state)
{
    (void)state;
    expect("ja", "600億ドル、3月21日午後1時54分、第3四半期、２００名",
           "currency 6e10 USD|date 03-21|time 13:54|quarter Q3|cardinal 200");
    expect("ja", "2億8,600万ポンド", "currency 2.86e8 GBP");
    expect("ko", "600억 달러, 3월 21일, 3분기, 두 명",
           "currency 6e10 USD|date 03-21|quarter "
           "Q3|cardinal 2");
    check("en", "£286 million", "ja", "2億8,600万ポンド", "");
    check("en", "March 21", "ko", "3월 21일", "");
}

/* ---- handles and data files ---- */

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void expect_load_error(const char *dir, const char *tsv, int status, const char *msg)
{
    char path[512], want[1024];
    snprintf(path, sizeof path, "%s/locales/xx.tsv", dir);
    write_file(path, tsv);
    tqe_numbers *x = NULL;
    tqe_ctx_clear(H.ctx);
    assert_int_equal(tqe_numbers_new(&x, H.ctx, "xx", dir), status);
    assert_null(x);
    snprintf(want, sizeof want, "%s:%s", path, msg);
    assert_str(tqe_ctx_errmsg(H.ctx), want);
}

static void test_data_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/tqe_numbers_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char sub[256], mul[300];
    snprintf(sub, sizeof sub, "%s/locales", dir);
    tqe_numbers *x = NULL;
    /* no locales/ directory: a configuration error */
    tqe_ctx_clear(H.ctx);
    assert_int_equal(tqe_numbers_new(&x, H.ctx, "xx", dir), TQE_EIO);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(mul, sizeof mul, "%s/mul.tsv", sub);
    write_file(mul, "# empty\n");
    expect_load_error(dir, "zork\tscale\n", TQE_EFORMAT,
                      "1: expected 3 or 4 tab-separated fields (phrase, type, value, options), "
                      "found 2");
    expect_load_error(dir, "# c\n\nzork\tscale\t1e3\nfoo\tbar\t-\n", TQE_EFORMAT,
                      "4: unknown type 'bar' (see references/locales/README.md)");
    expect_load_error(dir, "zork\tcurrency\tusd\n", TQE_EFORMAT,
                      "1: currency value 'usd' is not an ISO 4217 code like USD");
    expect_load_error(dir, "zork\tmonth\t13\n", TQE_EFORMAT,
                      "1: value '13' of type 'month' must be an integer from 1 to 12");
    expect_load_error(dir, "zork\tpercent\t5\n", TQE_EFORMAT,
                      "1: type 'percent' takes no value: write '-'");
    expect_load_error(dir, "zork\tscale\t1e3\tcase,fast\n", TQE_EFORMAT,
                      "1: unknown option 'fast' (money, prefix, case, alone, glued, clock)");
    expect_load_error(dir, "zork\tscale\t1e3\tprefix\n", TQE_EFORMAT,
                      "1: option 'prefix' applies to type 'hour' only");
    expect_load_error(dir, "zork\tunit\tparsec\n", TQE_EFORMAT,
                      "1: unit 'parsec' is not a known unit symbol (km, mi, kg, lb, ...)");
    /* a valid file adds words */
    write_file(mul, "");
    char path[512];
    snprintf(path, sizeof path, "%s/xx.tsv", sub);
    write_file(path, "zork\tscale\t1000\nblorp\tcurrency\tEUR\n");
    assert_int_equal(tqe_numbers_new(&x, H.ctx, "xx", dir), 0);
    const tqe_number *m;
    size_t n;
    assert_int_equal(tqe_numbers_extract(x, "5 zork blorp", 12, &m, &n), 0);
    assert_int_equal(n, 1);
    assert_near(m[0].value, 5000, 0);
    assert_str(m[0].unit, "EUR");
    tqe_numbers_free(x);
    unlink(path);
    unlink(mul);
    rmdir(sub);
    rmdir(dir);
}

static void test_handles(void **state)
{
    (void)state;
    tqe_numbers *x = NULL;
    tqe_ctx_clear(H.ctx);
    assert_int_equal(tqe_numbers_new(&x, H.ctx, "de; rm", NULL), TQE_EINVAL);
    assert_null(x);
    tqe_numbers_free(NULL);
    /* ICU alone knows German number words and separators, not "Milliarden". */
    assert_int_equal(tqe_numbers_new(&x, H.ctx, "de-AT", NULL), 0);
    assert_str(tqe_numbers_lang(x), "de-AT");
    const tqe_number *m;
    size_t n;
    const char *t = "zwei und 1.234,5";
    assert_int_equal(tqe_numbers_extract(x, t, strlen(t), &m, &n), 0);
    assert_int_equal(n, 2);
    assert_near(m[0].value, 2, 0);
    assert_near(m[1].value, 1234.5, 0);
    assert_int_equal(tqe_numbers_extract(x, "", 0, &m, &n), 0);
    assert_int_equal(n, 0);
    tqe_numbers_free(x);
    /* a regional tag falls back to the language's data file */
    assert_int_equal(tqe_numbers_new(&x, H.ctx, "pt-BR", TQE_REFERENCES_DIR), 0);
    t = "60 bilhões de dólares";
    assert_int_equal(tqe_numbers_extract(x, t, strlen(t), &m, &n), 0);
    assert_int_equal(n, 1);
    assert_near(m[0].value, 6e10, 0);
    tqe_numbers_free(x);
    assert_str(tqe_num_kind_name(TQE_NUMK_QUARTER), "quarter");
    assert_null(tqe_num_kind_name((tqe_num_kind)99));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_en_extract),
        cmocka_unit_test(test_en_units_and_ranges),
        cmocka_unit_test(test_beyond_double),
        cmocka_unit_test(test_de_separators),
        cmocka_unit_test(test_de_extract),
        cmocka_unit_test(test_de_compare),
        cmocka_unit_test(test_de_ambiguous),
        cmocka_unit_test(test_details),
        cmocka_unit_test(test_policies),
        cmocka_unit_test(test_altered_kinds),
        cmocka_unit_test(test_es),
        cmocka_unit_test(test_fr_it_pt_nl),
        cmocka_unit_test(test_ms_id),
        cmocka_unit_test(test_ru),
        cmocka_unit_test(test_uk_cs_pl_hr),
        cmocka_unit_test(test_zh),
        cmocka_unit_test(test_ja_ko),
        cmocka_unit_test(test_data_files),
        cmocka_unit_test(test_handles),
    };
    int rc = cmocka_run_group_tests(tests, group_setup, group_teardown);
    tqe_issue_list_free(last_issues);
    return rc;
}
