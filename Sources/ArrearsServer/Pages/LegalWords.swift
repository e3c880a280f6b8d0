import ArrearsCore

/// The legal pages' own words, added to `Localizer`'s table for `LegalViews`.
enum LegalWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        localizer.table.merging(localizer.language == .en ? english : chinese) { _, own in own }
    }

    static let chinese: [String: String] = [
        "lg_title": "法律诉讼", "lg_case_title": "诉讼案件", "lg_all": "全部", "lg_case": "催收案件", "lg_customer": "客户", "lg_stage": "阶段",
        "lg_since": "起始日期", "lg_court": "法院", "lg_court_case_number": "案号", "lg_referral": "来源", "lg_none": "无", "lg_open": "转入法律诉讼",
        "lg_reason": "原因", "lg_save": "保存", "lg_refused": "未执行", "lg_stages": "阶段记录", "lg_costs": "费用", "lg_total": "合计",
        "lg_documents": "文书", "lg_move": "变更阶段", "lg_on": "日期", "lg_add_cost": "登记费用", "lg_amount": "金额", "lg_currency": "币种",
        "lg_description": "说明", "lg_letter": "生成催收函", "lg_pay_by": "最迟还款日", "lg_language": "语言", "lg_print": "打印",
        "lg_recorded_by": "记录人", "lg_closed_because": "结案原因",
        "lg_stage_review": "审查", "lg_stage_demand_letter": "催收函", "lg_stage_filed": "已立案", "lg_stage_hearing": "开庭",
        "lg_stage_judgment": "判决", "lg_stage_enforcement": "执行", "lg_stage_closed": "结案",
        "lg_upload": "上传文书", "lg_file": "文件", "lg_document_name": "文书名称（可选）", "lg_upload_hint": "PDF、JPEG 或 PNG，不超过 5 MiB。",
    ]

    static let english: [String: String] = [
        "lg_title": "Legal", "lg_case_title": "Legal case", "lg_all": "All", "lg_case": "Collection case", "lg_customer": "Customer", "lg_stage": "Stage",
        "lg_since": "Since", "lg_court": "Court", "lg_court_case_number": "Court case number", "lg_referral": "Referred by", "lg_none": "None",
        "lg_open": "Take a case into legal", "lg_reason": "Reason", "lg_save": "Save", "lg_refused": "Not done", "lg_stages": "Stages", "lg_costs": "Costs",
        "lg_total": "Total", "lg_documents": "Documents", "lg_move": "Move to stage", "lg_on": "On", "lg_add_cost": "Add a cost", "lg_amount": "Amount",
        "lg_currency": "Currency", "lg_description": "Description", "lg_letter": "Generate a demand letter", "lg_pay_by": "Pay by",
        "lg_language": "Language", "lg_print": "Print", "lg_recorded_by": "Recorded by", "lg_closed_because": "Closed because",
        "lg_stage_review": "Review", "lg_stage_demand_letter": "Demand letter", "lg_stage_filed": "Filed", "lg_stage_hearing": "Hearing",
        "lg_stage_judgment": "Judgment", "lg_stage_enforcement": "Enforcement", "lg_stage_closed": "Closed",
        "lg_upload": "Upload a document", "lg_file": "File", "lg_document_name": "Document name (optional)", "lg_upload_hint": "PDF, JPEG or PNG, at most 5 MiB.",
    ]

    /// A stage's name in the page's language.
    static func stage(_ stage: LegalStage, _ words: [String: String]) -> String {
        words["lg_stage_" + stage.rawValue] ?? stage.rawValue
    }
}
