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
    /// Draws the fate of a promise made by a customer of `segment`.
    public func promiseOutcome(segment: Segment, random: inout ResponseRandom) -> PromiseOutcome {
        let behaviour = segments[segment]!
        let draw = random.unit()
        if draw < behaviour.promiseKept { return .kept }
        if draw < behaviour.promiseKept + behaviour.promisePartlyKept {
            return .partlyKept(basisPoints: random.int(in: partlyKeptShare))
        }
        return .broken
    }
}
