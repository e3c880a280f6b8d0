import ArrearsCore

/// The four files a bank's data team sends.
public enum ImportKind: String, CaseIterable, Sendable {
    case customers, accounts, dues, payments

    /// Every column the file may carry; anything else is a mistake worth stopping for.
    public var columns: [String] {
        switch self {
        case .customers: CustomerRecord.columns
        case .accounts: AccountRecord.columns + AccountRecord.optionalColumns
        case .dues: DueRecord.columns
        case .payments: PaymentRecord.columns
        }
    }

    /// Columns that must be in the header.
    public var requiredColumns: [String] {
        switch self {
        case .customers: CustomerRecord.requiredColumns
        case .accounts: AccountRecord.requiredColumns
        case .dues: DueRecord.requiredColumns
        case .payments: PaymentRecord.requiredColumns
        }
    }

    /// The column that names what a row is: the id in the file, or account and date for dues.
    var keyColumns: [String] {
        switch self {
        case .customers: ["customer_id"]
        case .accounts: ["account_id"]
        case .dues: ["account_id", "due_on"]
        case .payments: ["payment_id"]
        }
    }
}
