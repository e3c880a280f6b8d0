import ArrearsCore
import ArrearsStore

/// What a field team reports after a visit (seed 000, 结果反馈: results go back to the bank at
/// once, and a follow-up sees the plan carried out).
public struct VisitReport: Sendable {
    /// Whom the team met. Family members hear nothing of the debt (seed 002, privacy).
    public enum Met: String, Sendable, CaseIterable {
        case customer, family, nobody
    }

    /// The plan the customer asked for at the door: a monthly instalment plan proposed for
    /// approval on the customer's most overdue account.
    public struct PlanRequest: Sendable, Equatable {
        public let instalments: Int
        public let firstDate: LocalDate

        public init(instalments: Int, firstDate: LocalDate) {
            self.instalments = instalments
            self.firstDate = firstDate
        }
    }

    public let met: Met
    /// How many visitors went, and whether they showed identification: the `cn.field-visits`
    /// rule's facts, checked as the attempt is recorded (a breach is stored with its rule).
    public let visitors: Int
    /// Both are required true (issue 24): a visit is made by two collectors who show their
    /// identification; a report without either is refused, naming its field.
    public let identificationShown: Bool
    public let twoCollectorsPresent: Bool
    public let situation: String?
    public let difficulty: String?
    /// A promise to pay taken at the door, kept by `PromiseBook`'s rules.
    public let promise: PromiseBook.NewPromise?
    /// The customer asked for a repayment plan: `plan` is proposed for approval with the report.
    public var planRequested: Bool { plan != nil }
    public let plan: PlanRequest?
    /// Why the report goes ahead outside the pack's contact hours, where the rule allows an
    /// override with a reason (`ContactStart`).
    public let overrideReason: String?
    public let note: String?
    /// File names of photos taken, stored elsewhere; names only, no paths.
    public let photos: [String]
    /// Photos uploaded with the report (the field agent's page), stored as the visit's
    /// attachments in the report's transaction.
    public let photoFiles: [AttachmentUpload]

    public init(met: Met, visitors: Int, identificationShown: Bool, twoCollectorsPresent: Bool, situation: String?, difficulty: String?,
                promise: PromiseBook.NewPromise?, plan: PlanRequest?, note: String?, photos: [String], photoFiles: [AttachmentUpload] = [],
                overrideReason: String? = nil) {
        self.met = met
        self.visitors = visitors
        self.identificationShown = identificationShown
        self.twoCollectorsPresent = twoCollectorsPresent
        self.situation = situation
        self.difficulty = difficulty
        self.promise = promise
        self.plan = plan
        self.overrideReason = overrideReason
        self.note = note
        self.photos = photos
        self.photoFiles = photoFiles
    }
}
