-- #17: one open case per customer across origins, and the must-check items (四必查) per problem type as data.

-- Every opening (custom audit, back office, campaign batch, routine import) reserves its case here, under an
-- advisory lock on the customer, before the case workflow starts: the case row itself is written by the workflow's
-- first activity, too late to stop a second request arriving meanwhile. `family`: the routine work order's anomaly
-- type; null for the other origins, which have no problem family before findings and so clash with every open case.
create table case_openings (
  case_id uuid primary key,
  account_no text not null references customers(account_no),
  origin text not null check (origin in ('routine', 'special', 'custom')),
  family text,
  -- a deliberate second case (supervisor or manager): the open case it duplicates and why
  duplicate_of uuid,
  duplicate_reason text check (duplicate_reason is null or char_length(duplicate_reason) between 2 and 200),
  reserved_by text not null,
  reserved_at timestamptz not null default now()
);
create index case_openings_account_idx on case_openings (account_no, reserved_at desc);
create index cases_customer_open_idx on cases (customer_account_no) where stage not in ('closed', 'dismissed', 'cancelled');

-- A campaign match whose customer already has an open case is skipped at launch, naming that case.
alter table campaign_selections drop constraint campaign_selections_status_check;
alter table campaign_selections add constraint campaign_selections_status_check check (status in ('pending', 'created', 'failed', 'skipped'));
alter table campaign_selections add column existing_case_id uuid;
alter table campaigns add column skipped_count integer not null default 0;

-- 四必查: what an inspector must check on site for each problem type; the judgement's check items come from here.
create table must_check_items (
  problem_type text primary key check (problem_type in ('wrong_tariff', 'theft', 'capacity_overuse', 'meter_fault', 'billing_error', 'other')),
  items jsonb not null check (jsonb_typeof(items) = 'array'),
  updated_by text not null,
  updated_at timestamptz not null default now()
);

insert into must_check_items (problem_type, items, updated_by) values
('theft', '[
  {"code": "METER_SEAL", "textZh": "检查表计封印、表箱锁具是否完好", "textEn": "Inspect the meter seals and the meter box lock"},
  {"code": "WIRING", "textZh": "检查接线，有无绕越计量装置、私拉乱接", "textEn": "Check the wiring for a bypass of the meter or unauthorised connections"},
  {"code": "METERING_DEVICE", "textZh": "检查计量装置（电能表、互感器）运行与事件记录", "textEn": "Check the metering equipment (meter, transformers) and its event log"},
  {"code": "ON_SITE_LOAD", "textZh": "核对现场用电设备与负荷，与计量电量比对", "textEn": "Survey the equipment and load on site against the metered consumption"}
]', 'migration-058'),
('wrong_tariff', '[
  {"code": "PREMISES_USE", "textZh": "核实用电场所实际用途（拍摄门头、经营设备）", "textEn": "Verify what the premises are used for (photograph the shop front and equipment)"},
  {"code": "TARIFF_BASIS", "textZh": "核对用电性质与执行电价依据", "textEn": "Check the nature of use against the basis of the applied tariff"},
  {"code": "METERING_DEVICE", "textZh": "检查计量装置（电能表、互感器）运行与事件记录", "textEn": "Check the metering equipment (meter, transformers) and its event log"},
  {"code": "ON_SITE_LOAD", "textZh": "核对现场用电设备与负荷，与计量电量比对", "textEn": "Survey the equipment and load on site against the metered consumption"}
]', 'migration-058'),
('capacity_overuse', '[
  {"code": "NAMEPLATE", "textZh": "核对受电设备（变压器、电动机）铭牌容量", "textEn": "Check the nameplate capacity of the connected equipment (transformers, motors)"},
  {"code": "CONTRACT_CAPACITY", "textZh": "核对供用电合同约定容量", "textEn": "Check the capacity agreed in the supply contract"},
  {"code": "METER_SEAL", "textZh": "检查表计封印、表箱锁具是否完好", "textEn": "Inspect the meter seals and the meter box lock"},
  {"code": "ON_SITE_LOAD", "textZh": "核对现场用电设备与负荷，与计量电量比对", "textEn": "Survey the equipment and load on site against the metered consumption"}
]', 'migration-058'),
('meter_fault', '[
  {"code": "METER_SEAL", "textZh": "检查表计封印、表箱锁具是否完好", "textEn": "Inspect the meter seals and the meter box lock"},
  {"code": "METER_WORKING", "textZh": "检查电能表运行是否正常（显示、脉冲、时钟）", "textEn": "Check that the meter works (display, pulses, clock)"},
  {"code": "WIRING", "textZh": "检查接线，有无绕越计量装置、私拉乱接", "textEn": "Check the wiring for a bypass of the meter or unauthorised connections"},
  {"code": "OCCUPANCY", "textZh": "核实是否有人居住或经营", "textEn": "Verify whether the premises are occupied or in business"}
]', 'migration-058'),
('billing_error', '[
  {"code": "METER_READING", "textZh": "现场抄录电能表示数并拍照，与系统示数比对", "textEn": "Read and photograph the meter register on site and compare it with the system"},
  {"code": "BILLING_PARAMETERS", "textZh": "核对计费参数（倍率、电价、力调标准）", "textEn": "Check the billing parameters (multiplier, tariff, power-factor standard)"},
  {"code": "TARIFF_BASIS", "textZh": "核对用电性质与执行电价依据", "textEn": "Check the nature of use against the basis of the applied tariff"}
]', 'migration-058'),
('other', '[
  {"code": "METER_SEAL", "textZh": "检查表计封印、表箱锁具是否完好", "textEn": "Inspect the meter seals and the meter box lock"},
  {"code": "ON_SITE_LOAD", "textZh": "核对现场用电设备与负荷，与计量电量比对", "textEn": "Survey the equipment and load on site against the metered consumption"}
]', 'migration-058');
