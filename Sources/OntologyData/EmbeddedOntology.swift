/// The package's `Ontology/` folder as it was when `kg` was built (`EmbeddedOntology.files`, written by
/// the EmbedOntology build plugin): the ontology `kg` uses when no `--ontology` folder is given, so that
/// a `kg` copied anywhere works.
public enum EmbeddedOntology {}
