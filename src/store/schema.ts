/** Table types of the one schema (PostgreSQL dialect; PGlite and a PostgreSQL server alike). */
import type { ColumnType, Generated, JSONColumnType } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar date (YYYY-MM-DD); read back as a string, never as a JS Date (no time-zone drift). */
type CalendarDate = ColumnType<string, string, string>;
/** JSON columns are written as JSON text (both drivers) and read back parsed. */
type Json<T extends object | null = object> = JSONColumnType<T, string, string>;

export interface AgencyTable {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
  /** province | city | district | department | office (0002-accounts); null for imported agencies. */
  kind: ColumnType<string | null, string | null | undefined, string | null>;
  /** An optional unique code (e.g. 统一社会信用代码). */
  code: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Timestamp>;
}

export interface ApplicationTable {
  id: Generated<string>;
  agency_id: number;
  /** The agency's own registration number, unique per agency. */
  ref: string;
  received: CalendarDate;
  channel: string;
  /** Applicant column of table 三: 0 自然人 … 5 其他. */
  applicant_type: number;
  /** Personal data (name, ID, phone, address). */
  applicant: Json<Record<string, string>>;
  subject: string;
  /** Denormalised from the events for fast statistics: the reply date and outcome row key. */
  answered: CalendarDate | null;
  outcome: string | null;
  extra: Json<Record<string, unknown>>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  /** The staff member handling the case (0003-intake). */
  handler_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** register (imported from a register) | staff (entered in the console) | portal (applied online). */
  source: ColumnType<string, string | undefined, string>;
  /** Public tracking code (portal applications, or given to the applicant on receipt). */
  tracking_code: ColumnType<string | null, string | null | undefined, string | null>;
  /** Hash of tracking code + the applicant's check (phone or ID tail); never the check itself. */
  tracking_check: ColumnType<string | null, string | null | undefined, string | null>;
  /** The public applicant's account the application was filed under (0012); null without one. */
  applicant_account_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ApplicationEventTable {
  application_id: string;
  seq: number;
  type: string;
  on_date: CalendarDate;
  data: Json<Record<string, unknown>>;
  recorded_at: Generated<Timestamp>;
  recorded_by: string;
}

export interface ReviewCaseTable {
  id: Generated<number>;
  agency_id: number;
  application_id: string | null;
  /** review | litigation_direct | litigation_after_review (table 四 groups). */
  kind: string;
  filed: CalendarDate;
  /** upheld | corrected | other; null while pending. */
  result: string | null;
  decided: CalendarDate | null;
  /** 0006: 案号 and the deciding body (复议机关 or court). */
  case_number: ColumnType<string | null, string | null | undefined, string | null>;
  authority: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0011: console (entered one by one) | import (a register file; replaced by the next import). */
  source: Generated<"console" | "import">;
}

export interface RegisterDocumentTable {
  id: Generated<number>;
  agency_id: number;
  /** regulation (规章) | normative_document (行政规范性文件). */
  kind: string;
  title: string;
  doc_number: string | null;
  issued: CalendarDate;
  repealed: CalendarDate | null;
  /** 0011: console (entered one by one) | import (a register file; replaced by the next import). */
  source: Generated<"console" | "import">;
}

export interface YearlyFiguresTable {
  agency_id: number;
  year: number;
  licensing: number | null;
  penalty: number | null;
  coercion: number | null;
  /** 行政事业性收费 in 万元, exact decimal. */
  fees_10k_yuan: string | null;
  /** 2019-edition fields for old years (gongkai.report/1 `active`, 2019 shape). */
  edition2019: Json<Record<string, unknown>> | null;
}

export interface ReportSnapshotTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  /** gongkai.report/1 JSON, frozen at publication. */
  report: Json<Record<string, unknown>>;
  published_at: Timestamp;
  published_by: string;
}

/** The worklist's change counter per agency (migration 0010; bumped by triggers, never by code). */
export interface CaseListVersionTable {
  agency_id: number;
  version: string;
  /** The transaction that last bumped it (one bump per transaction). */
  xact: string;
}

export interface AuditTable {
  id: Generated<string>;
  at: Generated<Timestamp>;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json<object> | null;
  after: Json<object> | null;
}

/** Staff role: 经办人 clerk, 审核人 reviewer, 负责人 head, 公开办管理员 supervisor, 系统管理员 admin. */
export type Role = "clerk" | "reviewer" | "head" | "supervisor" | "admin";

export interface AppUserTable {
  id: Generated<number>;
  agency_id: number;
  login: string;
  name: string;
  role: Role;
  /** argon2id PHC string. */
  password_hash: string;
  disabled: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export interface AppSessionTable {
  /** SHA-256 (hex) of the cookie's token. */
  id: string;
  user_id: number;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

/** 0012: a public applicant's portal account (login: a normalised mobile number or e-mail address). */
export interface ApplicantAccountTable {
  id: Generated<number>;
  login: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  disabled: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

/** 0012: a portal session of an applicant account (never a staff app_session). */
export interface ApplicantSessionTable {
  /** SHA-256 (hex) of the cookie's token. */
  token_hash: string;
  account_id: number;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

/** 0004-catalogue: a disclosure catalogue document (索引号 unique); its content lives in versions. */
export interface CatalogueDocumentTable {
  id: Generated<number>;
  agency_id: number;
  index_no: string;
  created_at: Generated<Timestamp>;
}

/** One version of a catalogue document; a published version is frozen (a correction adds a version). */
export interface CatalogueVersionTable {
  id: Generated<number>;
  document_id: number;
  version: number;
  title: string;
  doc_number: string | null;
  publisher: string;
  written_on: CalendarDate | null;
  published_on: CalendarDate | null;
  category: string;
  validity: string;
  doc_kind: string;
  article20_item: number;
  body: string;
  correction_note: string | null;
  /** draft | review1 | review2 | review3 | published | superseded. */
  state: string;
  author_id: number;
  created_at: Generated<Timestamp>;
  /** Bigram tokens (array_to_tsvector) and the normalised text the substring test confirms on. */
  search_tokens: ColumnType<string, string, string>;
  search_text: string;
  /** The document's agency (migration 0007), for the agency's date-ordered walk. */
  agency_id: number;
}

/** A review decision (step 1 初审, 2 复审, 3 终审; 0 = submitted for review). */
export interface CatalogueReviewTable {
  id: Generated<number>;
  version_id: number;
  step: number;
  approved: boolean;
  reason: string | null;
  user_id: number;
  at: Generated<Timestamp>;
}

export interface CatalogueAttachmentTable {
  id: Generated<number>;
  version_id: number;
  filename: string;
  media_type: string;
  size: number;
  content: Buffer;
}

/** An agency's 政府信息公开指南 (channels, address, hours, how to apply), edited by the agency. */
export interface AgencyGuideTable {
  agency_id: number;
  guide: Json<Record<string, string>>;
  updated_at: Generated<Timestamp>;
  updated_by: string;
}

/** 0006-letters: an agency's own text of one letter kind (the shipped default applies until saved). */
export interface LetterTemplateTable {
  agency_id: number;
  kind: string;
  title: string;
  /** The letter text with placeholders such as {申请人}; paragraphs separated by blank lines. */
  body: string;
  updated_at: Generated<Timestamp>;
  updated_by: string;
}

/** 0006-letters: a letter as served, frozen (DOCX bytes), with the event it goes with. */
export interface IssuedLetterTable {
  id: Generated<string>;
  application_id: string;
  kind: string;
  event_seq: number | null;
  file_name: string;
  docx: Buffer;
  sha256: string;
  issued_at: Generated<Timestamp>;
  issued_by: string;
}

/** 0005-report-workflow: the 三审 draft of an agency's report for a year. */
export interface ReportDraftTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  /** draft | submitted | reviewed | approved | published. */
  state: ColumnType<string, string | undefined, string>;
  /** Narrative sections (preamble, overview … other), as in gongkai.report/1 `sections`. */
  sections: Json<Record<string, string>>;
  snapshot_id: number | null;
  updated_at: Timestamp;
  updated_by: string;
}

/** 0005-report-workflow: a comment left at a transition (append-only). */
export interface ReportCommentTable {
  id: Generated<number>;
  draft_id: number;
  action: string;
  from_state: string;
  to_state: string;
  body: string;
  author_id: number | null;
  author: string;
  at: Timestamp;
}

export interface Database {
  agency: AgencyTable;
  application: ApplicationTable;
  application_event: ApplicationEventTable;
  case_list_version: CaseListVersionTable;
  review_case: ReviewCaseTable;
  register_document: RegisterDocumentTable;
  yearly_figures: YearlyFiguresTable;
  report_snapshot: ReportSnapshotTable;
  audit: AuditTable;
  app_user: AppUserTable;
  app_session: AppSessionTable;
  applicant_account: ApplicantAccountTable;
  applicant_session: ApplicantSessionTable;
  report_draft: ReportDraftTable;
  report_comment: ReportCommentTable;
  letter_template: LetterTemplateTable;
  issued_letter: IssuedLetterTable;
  catalogue_document: CatalogueDocumentTable;
  catalogue_version: CatalogueVersionTable;
  catalogue_review: CatalogueReviewTable;
  catalogue_attachment: CatalogueAttachmentTable;
  agency_guide: AgencyGuideTable;
}
