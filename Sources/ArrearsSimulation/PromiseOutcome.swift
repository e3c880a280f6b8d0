import ArrearsCore

/// What becomes of a promise to pay by its due date.
public enum PromiseOutcome: Sendable, Equatable {
    /// The promised amount is paid.
    case kept
    /// This share (basis points) of the promised amount is paid.
    case partlyKept(basisPoints: Int)
    /// Nothing is paid.
    case broken
}

extension BehaviourModel {
    /// Draws the fate of a promise made by a customer of `segment` who had broken
    /// `brokenPromises` promises in the 90 days before making it: each multiplies the chance of
    /// keeping it in full by `brokenPromises.keepFactor` (the chance of keeping part stays).
    public func promiseOutcome(segment: Segment, brokenPromises broken: Int = 0, random: inout ResponseRandom) -> PromiseOutcome {
        let behaviour = segments[segment]!
        let kept = behaviour.promiseKept * brokenPromiseFactor(brokenPromises.keepFactor, broken: broken)
        let draw = random.unit()
        if draw < kept { return .kept }
        if draw < kept + behaviour.promisePartlyKept {
            return .partlyKept(basisPoints: random.int(in: partlyKeptShare))
        }
        return .broken
    }
}
