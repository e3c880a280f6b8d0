/// What kind of credit an account is (seed 001: personal loans, credit cards, corporate loans).
public enum Product: String, CaseIterable, Sendable, Codable {
    case creditCard = "credit_card"
    case personalLoan = "personal_loan"
    case corporateLoan = "corporate_loan"
}
