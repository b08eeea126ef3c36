/// The version of tei, shared by the `tei` command and the Jupyter kernel.
public enum TEIVersion {
    public static let current = "0.1.0"
}
