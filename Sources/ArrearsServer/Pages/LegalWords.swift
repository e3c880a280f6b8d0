import ArrearsCore

/// The legal pages' own words, added to `Localizer`'s table for `LegalViews`.
enum LegalWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        localizer.table.merging(localizer.language == .en ? CodeCatalogue.english : CodeCatalogue.chinese) { _, own in own }
            .merging(localizer.language == .en ? english : chinese) { _, own in own }
    }

    static let chinese: [String: String] = [
        "lg_title": "法律诉讼", "lg_case_title": "诉讼案件", "lg_all": "全部", "lg_case": "催收案件", "lg_customer": "客户", "lg_stage": "阶段",
        "lg_since": "起始日期", "lg_court": "法院", "lg_court_case_number": "案号", "lg_referral": "来源", "lg_referral_legal_review": "每日批处理的法务审查任务", "lg_referral_officer": "法务人员转入", "lg_none": "无", "lg_open": "转入法律诉讼",
        "lg_reason": "原因", "lg_save": "保存", "lg_refused": "未执行", "lg_stages": "阶段记录", "lg_costs": "费用", "lg_total": "合计",
        "lg_documents": "文书", "lg_move": "变更阶段", "lg_on": "日期", "lg_add_cost": "登记费用", "lg_amount": "金额", "lg_currency": "币种",
        "lg_description": "说明", "lg_letter": "生成催收函", "lg_pay_by": "最迟还款日", "lg_language": "语言", "lg_print": "打印",
        "lg_recorded_by": "记录人", "lg_closed_because": "结案原因",
        "lg_stage_review": "审查", "lg_stage_demand_letter": "催收函", "lg_stage_filed": "已立案", "lg_stage_hearing": "开庭",
        "lg_stage_judgment": "判决", "lg_stage_enforcement": "执行", "lg_stage_closed": "结案",
        "lg_upload": "上传文书", "lg_file": "文件", "lg_document_name": "文书名称（可选）", "lg_upload_hint": "PDF、JPEG 或 PNG，不超过 5 MiB。",
        "lg_overdue": "逾期金额", "lg_outstanding": "欠款余额", "lg_next_step": "下一步", "lg_allowed_from": "最早可办日期", "lg_only_closing": "仅可结案",
        "lg_held_legal.pay_by": "催收函给出的还款期限未过", "lg_held_legal.minimum_days": "未满本阶段最短天数",
        "lg_reviews": "每日批处理转来的法务审查任务", "lg_no_reviews": "今日没有法务审查任务。", "lg_assigned_to": "经办人", "lg_run_date": "批处理日期",
        "lg_take": "转入法律诉讼", "lg_cases_by_stage": "各阶段的诉讼案件",
        "lg_next_hint": "下一步及其最早日期依据 config/legal.yaml 的时间规则：立案须待最近一封催收函的还款期限届满；每阶段至少停留规定天数。",
        "lg_letters_to_print": "待打印的函件", "lg_no_letters": "近 14 天没有生成催收函。",
        "lg_queued_letters": "每日批处理生成、尚未打印的催收信函（由信函中心用命令打印）：", "wb_dpd": "逾期天数",
    ]

    static let english: [String: String] = [
        "lg_title": "Legal", "lg_case_title": "Legal case", "lg_all": "All", "lg_case": "Collection case", "lg_customer": "Customer", "lg_stage": "Stage",
        "lg_since": "Since", "lg_court": "Court", "lg_court_case_number": "Court case number", "lg_referral": "Referred by", "lg_referral_legal_review": "the daily run's legal review", "lg_referral_officer": "a legal officer", "lg_none": "None",
        "lg_open": "Take a case into legal", "lg_reason": "Reason", "lg_save": "Save", "lg_refused": "Not done", "lg_stages": "Stages", "lg_costs": "Costs",
        "lg_total": "Total", "lg_documents": "Documents", "lg_move": "Move to stage", "lg_on": "On", "lg_add_cost": "Add a cost", "lg_amount": "Amount",
        "lg_currency": "Currency", "lg_description": "Description", "lg_letter": "Generate a demand letter", "lg_pay_by": "Pay by",
        "lg_language": "Language", "lg_print": "Print", "lg_recorded_by": "Recorded by", "lg_closed_because": "Closed because",
        "lg_stage_review": "Review", "lg_stage_demand_letter": "Demand letter", "lg_stage_filed": "Filed", "lg_stage_hearing": "Hearing",
        "lg_stage_judgment": "Judgment", "lg_stage_enforcement": "Enforcement", "lg_stage_closed": "Closed",
        "lg_upload": "Upload a document", "lg_file": "File", "lg_document_name": "Document name (optional)", "lg_upload_hint": "PDF, JPEG or PNG, at most 5 MiB.",
        "lg_overdue": "Overdue", "lg_outstanding": "Outstanding", "lg_next_step": "Next step", "lg_allowed_from": "Allowed from", "lg_only_closing": "only closing",
        "lg_held_legal.pay_by": "the demand letter's pay-by date has not passed", "lg_held_legal.minimum_days": "the minimum days in the stage have not passed",
        "lg_reviews": "Legal-review tasks of the daily run", "lg_no_reviews": "No legal-review tasks today.", "lg_assigned_to": "Assigned to", "lg_run_date": "Run date",
        "lg_take": "Take into legal", "lg_cases_by_stage": "Legal cases by stage",
        "lg_next_hint": "The next step and its first date follow the time gates of config/legal.yaml: a filing waits until the latest demand letter's pay-by date has passed, and a case stays the minimum days in a stage.",
        "lg_letters_to_print": "Letters to print", "lg_no_letters": "No demand letters were written in the last 14 days.",
        "lg_queued_letters": "Collection letters the daily run made that are not printed yet (the letters centre prints them with the command):", "wb_dpd": "DPD",
    ]

    /// A stage's name in the page's language.
    static func stage(_ stage: LegalStage, _ words: [String: String]) -> String {
        words["lg_stage_" + stage.rawValue] ?? stage.rawValue
    }
}
