import ArrearsCore

/// What a customer in collections does on one business day.
public enum CustomerResponse: Sendable, Equatable {
    case nothing
    /// Pays everything overdue on every account.
    case paysAll
    /// Pays this share (basis points) of the case's overdue amount.
    case paysPart(basisPoints: Int)
    /// Promises to pay this share (basis points) of the case's overdue amount within `days`.
    case promises(basisPoints: Int, days: Int)
}

extension BehaviourModel {
    /// Whether an attempt on `channel` reaches the customer themselves (right-party contact).
    public func reaches(_ channel: Channel, random: inout ResponseRandom) -> Bool {
        random.chance(channels[channel]!.rightPartyContact)
    }

    /// Draws what a customer does today.
    ///
    /// - Parameters:
    ///   - channel: the channel that reached the customer today; `nil` when nothing did (no
    ///     action, a blocked action, a task nobody had room for, or no right-party contact).
    ///   - largeDebt: the case owes at least `largeDebtFrom`.
    ///   - rating: the customer's credit rating (`nil`: factor 1).
    ///   - burden: the arrears-to-credit ratio, the case's overdue amount over what the bank lent
    ///     the customer in its currency (`nil`: factor 1).
    ///   - brokenPromises: the customer's promises found broken in the last 90 days.
    ///   - daysSincePayment: days since the customer last paid anything (`nil`: not known).
    ///   - overdue: the case's overdue amount in major units (`nil`: not known).
    /// A reached customer responds with the channel's chances times the segment's response
    /// factor, the DPD band's factor, the rating's factor, the burden band's factor, the
    /// broken-promise factor for each broken promise, the channel's effect modifiers
    /// (`ChannelEffects`) and, for a large debt, the channel's large-debt factor (scaled down
    /// together if they would add up to more than 1). A customer
    /// who was not reached pays everything with the segment's self-cure chance times the same
    /// factors but the channel's.
    public func response(
        reachedBy channel: Channel?, segment: Segment, daysPastDue: Int, largeDebt: Bool,
        rating: CreditRating? = nil, burden: Double? = nil, brokenPromises broken: Int = 0, daysSincePayment: Int? = nil,
        overdue: Double? = nil, random: inout ResponseRandom
    ) -> CustomerResponse {
        let behaviour = segments[segment]!
        let customer = dpdFactor(daysPastDue) * (rating.flatMap { ratingFactor[$0] } ?? 1) * burdenFactor(burden)
            * brokenPromiseFactor(brokenPromises.responseFactor, broken: broken)
        guard let channel else { return random.chance(behaviour.selfCure * customer) ? .paysAll : .nothing }
        let rates = channels[channel]!
        let scale = behaviour.responseFactor * customer * (largeDebt ? rates.largeDebtFactor : 1)
            * effects(of: channel).factor(daysPastDue: daysPastDue, daysSincePayment: daysSincePayment, overdue: overdue)
        var payAll = rates.payAll * scale, payPart = rates.payPart * scale, promise = rates.promise * scale
        let total = payAll + payPart + promise
        if total > 1 {
            payAll /= total
            payPart /= total
            promise /= total
        }
        let draw = random.unit()
        if draw < payAll { return .paysAll }
        if draw < payAll + payPart { return .paysPart(basisPoints: random.int(in: partPaymentShare)) }
        if draw < payAll + payPart + promise {
            return .promises(basisPoints: random.int(in: promiseShare), days: random.int(in: promiseDays))
        }
        return .nothing
    }
}
