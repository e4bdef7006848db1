package org.certdesk.dialogs.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;

/**
 * Cuts text into comparable words with Lucene's analysis, per language: Unicode word breaks,
 * French elisions removed ("l’erreur" gives "erreur", "n’arrive" gives "arrive"), lower case,
 * accents folded, Snowball stemming ("aidez" and "aide", "installé", "installée" and "installer", "downloaded" and
 * "downloading" are one word each), accents folded first ("TÉLÉCHARGÉ" and "telecharge" match).
 * Apostrophes left inside a word are dropped ("doesn’t" and "doesnt" are one word). Languages
 * without a stemmer here get the same chain without stemming.
 *
 * <p>Snowball rather than Lucene's "light" stemmers: measured on the corpus, the light French
 * stemmer leaves verb forms apart ("aide"/"aidez") and the minimal English one keeps "downloaded"
 * and "download" apart. Only the first {@link #MAX_CHARS} characters count, which bounds the
 * matching work a long paste can cause. Deterministic and thread-safe (Lucene reuses one token
 * stream per thread and analyzer). The engine matches with it; the linter compares phrases with it.
 */
public final class Words {

    public static final int MAX_CHARS = 300;
    private static final String[] NONE = new String[0];

    private static final CharArraySet FRENCH_ELISIONS = new CharArraySet(
            Arrays.asList("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);

    private static final Map<String, Analyzer> BY_LANGUAGE = Map.of(
            "fr", analyzer("fr"),
            "en", analyzer("en"));
    private static final Analyzer OTHER = analyzer("");

    private Words() {
    }

    /** The words of {@code text} as the script's {@code locale} compares them. */
    public static String[] of(String text, String locale) {
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<String> words = new ArrayList<>(8);
        try (TokenStream stream = BY_LANGUAGE.getOrDefault(locale, OTHER).tokenStream("", cut)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String word = withoutApostrophes(term);
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a string", e); // a StringReader does not fail
        }
        return words.isEmpty() ? NONE : words.toArray(NONE);
    }

    private static String withoutApostrophes(CharTermAttribute term) {
        StringBuilder out = null;
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '\'' || c == '’') {
                if (out == null) {
                    out = new StringBuilder(term.length()).append(term, 0, i);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? term.toString() : out.toString();
    }

    private static Analyzer analyzer(String language) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = source;
                if (language.equals("fr")) {
                    stream = new ElisionFilter(stream, FRENCH_ELISIONS);
                }
                stream = new LowerCaseFilter(stream);
                // Accents folded before stemming: phone keyboards often drop them ("deja", "telecharge"),
                // and the stem of a word must not depend on whether it was typed with its accents.
                stream = new ASCIIFoldingFilter(stream);
                if (language.equals("fr")) {
                    stream = new SnowballFilter(stream, new FrenchStemmer());
                } else if (language.equals("en")) {
                    stream = new SnowballFilter(stream, new EnglishStemmer());
                }
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    /**
     * How many typos a word may carry and still match: none up to 4 letters (short words differ
     * by one letter: "oui"/"qui", "yes"/"yet"), one for 5 to 8, two beyond.
     */
    public static int typosAllowed(String word) {
        int length = word.length();
        return length <= 4 ? 0 : length <= 8 ? 1 : 2;
    }
}
