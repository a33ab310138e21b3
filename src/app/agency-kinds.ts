/** The kinds of agency in the tree (migration 0002's check), with the names staff use; no I/O (the console imports it). */
export const AGENCY_KINDS = {
  province: "省级人民政府",
  city: "市级人民政府",
  district: "县（区）级人民政府",
  department: "工作部门",
  office: "政务公开办公室",
} as const;

export type AgencyKind = keyof typeof AGENCY_KINDS;

export const AGENCY_KIND_CODES = Object.keys(AGENCY_KINDS) as AgencyKind[];
