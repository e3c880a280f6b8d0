/// The usual reading of a population stability index: below 0.1 the scores are stable, up to
/// 0.25 they have moved enough to watch, beyond that the population has shifted and the model
/// should be retrained.
public enum ScoreStability: String, Sendable {
    case stable, watch, shifted

    public init(psi: Double) {
        self = psi < 0.1 ? .stable : psi <= 0.25 ? .watch : .shifted
    }
}
