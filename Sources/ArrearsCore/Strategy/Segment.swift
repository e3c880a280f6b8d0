/// The customer groups of seed 004's gentle collection plan, each treated in its own way:
/// `prime` (good credit, short overdue: gentle and flexible), `standard` (average credit or
/// longer overdue: firmer, keep talking) and `highRisk` (poor credit, long overdue: strong
/// measures within the law). Seed 004's failure case is why this matters: without real
/// segmentation, high-risk customers were treated too gently and recovery fell.
public enum Segment: String, CaseIterable, Sendable, Codable {
    case prime
    case standard
    case highRisk = "high_risk"
}
