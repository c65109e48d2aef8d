package org.tessera.indexer.synthetic.output;

import org.tessera.indexer.synthetic.noise.IdentityNoise;
import org.tessera.indexer.synthetic.notes.NoteComposer;
import org.tessera.indexer.synthetic.population.NameBank;
import org.tessera.indexer.synthetic.population.Organisations;

/** What every agency writer shares: banks, noise, note composer, ground truth and documents. */
public record WriterContext(NameBank names, Organisations organisations, IdentityNoise noise, NoteComposer composer,
                            GroundTruthWriter truth, DocumentWriter documents) {
}
