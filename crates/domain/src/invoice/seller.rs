//! The agency's own details, printed as the seller on every invoice.

/// Who sends the invoices, and how they are paid.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Seller {
    pub name: String,
    pub cvr: String,
    pub address: String,
    /// Danish registration and account number, `1234 5678901234`.
    pub bank_account: String,
    /// Days from issue to due date.
    pub payment_days: u32,
}
