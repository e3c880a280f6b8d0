/// Whether a scorecard feature bins numbers by range or categories by name.
public enum FeatureKind: String, Sendable, Codable {
    case numeric
    case categorical
}
