/// What KPIs can be broken down by. Case dimensions (product, segment, bucket, cell, region)
/// put each case in exactly one group; `collector` and `team` put a case in the group of everyone
/// who worked it, so their groups overlap (docs/kpis.md).
public enum KPIDimension: String, CaseIterable, Sendable, Codable {
    case product, segment, bucket, cell, region, team, collector

    /// Whether a case can belong to several groups of this dimension.
    public var groupsOverlap: Bool { self == .team || self == .collector }
}
