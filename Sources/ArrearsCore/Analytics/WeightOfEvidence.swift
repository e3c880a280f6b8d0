import Foundation

/// The weight of evidence and information value of one bin.
///
/// WoE = ln(share of all events in the bin / share of all non-events in the bin): positive
/// where the event is more likely than on average. A bin without events or without
/// non-events would have an infinite WoE, so such a bin (and only such a bin) adds 0.5 to
/// both of its counts first. The bin's IV is (event share − non-event share) · WoE, never
/// negative; a feature's IV is the sum over its bins.
public struct WeightOfEvidence: Sendable, Equatable {
    public let value: Double
    public let informationValue: Double

    /// The bin holds `events` events and `nonEvents` non-events of all the data's
    /// `totalEvents` and `totalNonEvents` (both above 0).
    public init(events: Int, nonEvents: Int, totalEvents: Int, totalNonEvents: Int) {
        let smoothing = events == 0 || nonEvents == 0 ? 0.5 : 0
        let eventShare = (Double(events) + smoothing) / Double(totalEvents)
        let nonEventShare = (Double(nonEvents) + smoothing) / Double(totalNonEvents)
        value = log(eventShare / nonEventShare)
        informationValue = (eventShare - nonEventShare) * value
    }
}
