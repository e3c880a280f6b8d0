import FluentKit

/// Every migration in the order it runs. Add new ones at the end; never edit a shipped one.
enum Schema {
    static let all: [any Migration] = [
        CreateCustomers(),
        CreateAccounts(),
        CreateDues(),
        CreatePayments(),
        CreateAccountPositions(),
        AddPortfolioIndexes(),
        CreateOutboxMessages(),
        CreateCases(),
        CreateActions(),
        CreatePromises(),
        CreateRunDays(),
        CreateBucketSnapshots(),
        CreateStrategyVersions(),
        AddAccountWrittenOff(),
        CreateAuditLog(),
        AddCustomerLookupHashes(),
        CreateUsers(),
        CreateAPITokens(),
        CreateSessions(),
        CreateSignInFailures(),
        AddActionCaseIndex(),
        CreateContactRecords(),
        AddActionPolicyRule(),
        CreateScoringModels(),
        CreateFeedback(),
        CreateArrangements(),
        CreateVisits(),
        CreateLegalCases(),
        CreateAttachments(),
        AddLegalDocumentAttachment(),
        ClusterDuesAndCoverPayments(),
        AddVisitCancellation(),
    ]
}
