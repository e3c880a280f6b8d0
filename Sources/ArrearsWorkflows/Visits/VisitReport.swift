import ArrearsCore
import ArrearsStore

/// What a field team reports after a visit (seed 000, 结果反馈: results go back to the bank at
/// once, and a follow-up sees the plan carried out).
public struct VisitReport: Sendable {
    /// Whom the team met. Family members hear nothing of the debt (seed 002, privacy).
    public enum Met: String, Sendable, CaseIterable {
        case customer, family, nobody
    }

    public let met: Met
    /// How many visitors went, and whether they showed identification: the `cn.field-visits`
    /// rule's facts, checked as the attempt is recorded (a breach is stored with its rule).
    public let visitors: Int
    public let identificationShown: Bool
    public let situation: String?
    public let difficulty: String?
    /// A promise to pay taken at the door, kept by `PromiseBook`'s rules.
    public let promise: PromiseBook.NewPromise?
    /// The customer asked for a repayment plan (an arrangement is quoted by the case's collector).
    public let planRequested: Bool
    public let note: String?
    /// File names of photos taken, stored elsewhere; names only, no paths.
    public let photos: [String]
    /// Photos uploaded with the report (the field agent's page), stored as the visit's
    /// attachments in the report's transaction.
    public let photoFiles: [AttachmentUpload]

    public init(met: Met, visitors: Int, identificationShown: Bool, situation: String?, difficulty: String?, promise: PromiseBook.NewPromise?,
                planRequested: Bool, note: String?, photos: [String], photoFiles: [AttachmentUpload] = []) {
        self.met = met
        self.visitors = visitors
        self.identificationShown = identificationShown
        self.situation = situation
        self.difficulty = difficulty
        self.promise = promise
        self.planRequested = planRequested
        self.note = note
        self.photos = photos
        self.photoFiles = photoFiles
    }
}
