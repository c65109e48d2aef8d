import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.*;
import java.util.*;
import java.util.regex.*;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.context.*;
import org.tessera.indexer.nlp.opennlp.*;

/** CPU per contextOf call (new: sentence + next sentence + heading) against contextInSentence (the old contextOf's work). */
public class CtxCost {
    public static void main(String[] args) throws Exception {
        var splitter = new OpenNlpSentenceSplitter(new OpenNlpModels());
        var analyzer = new ContextAnalyzer(splitter, TriggerCatalogue.standard(), 2026);
        Pattern text = Pattern.compile("\"text\": ?\"((?:[^\"\\\\]|\\\\.)*)\"");
        List<String> notes = new ArrayList<>();
        for (String f : args) {
            for (String line : Files.readAllLines(Path.of(f))) {
                Matcher m = text.matcher(line);
                if (m.find()) notes.add(m.group(1).replace("\\\"", "\""));
            }
        }
        // targets: every third word of every note, with the note's sentences split once (as the hit path has them)
        List<Object[]> calls = new ArrayList<>();
        Pattern word = Pattern.compile("[A-Za-z]{4,}");
        for (String n : notes) {
            List<Sentence> s = splitter.split(n);
            Matcher w = word.matcher(n);
            int k = 0;
            while (w.find()) if (k++ % 3 == 0) calls.add(new Object[] {n, s, w.start(), w.end()});
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        int sink = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = bean.getCurrentThreadCpuTime();
            for (Object[] c : calls) {
                @SuppressWarnings("unchecked") List<Sentence> s = (List<Sentence>) c[1];
                sink += analyzer.contextOf((String) c[0], s, (int) c[2], (int) c[3]).triggers().size();
            }
            long t1 = bean.getCurrentThreadCpuTime();
            for (Object[] c : calls) {
                @SuppressWarnings("unchecked") List<Sentence> s = (List<Sentence>) c[1];
                int start = (int) c[2];
                for (Sentence x : s) {
                    if (start >= x.start() && start < x.end()) {
                        sink += analyzer.contextInSentence(x.text(), start - x.start(), Math.min((int) c[3], x.end()) - x.start()).triggers().size();
                        break;
                    }
                }
            }
            long t2 = bean.getCurrentThreadCpuTime();
            best[0] = Math.min(best[0], t1 - t0);
            best[1] = Math.min(best[1], t2 - t1);
        }
        System.out.printf(Locale.ROOT, "%d notes, %d contextOf calls; best of 5 rounds, thread CPU per call: contextOf (sentence + next + heading) %.1f us, in-sentence only %.1f us, ratio %.2f (sink %d)%n",
                notes.size(), calls.size(), best[0] / 1e3 / calls.size(), best[1] / 1e3 / calls.size(), (double) best[0] / best[1], sink);
    }
}
