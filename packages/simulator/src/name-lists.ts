/** Given names the simulated organisation draws from (a mix of origins, ASCII-foldable). */
export const FIRST_NAMES: readonly string[] = [
  'Anna', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam',
  'Maria', 'Nikhil', 'Olivia', 'Pablo', 'Quinn', 'Rosa', 'Samir', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena',
  'Yusuf', 'Zoe', 'Amara', 'Bruno', 'Chloé', 'Dmitri', 'Esther', 'Felix', 'Gabriela', 'Hannah', 'Ivan',
  'Jasmine', 'Kofi', 'Lena', 'Mateo', 'Nadia', 'Oscar', 'Priya', 'Rafael', 'Sofia', 'Tomás', 'Uma',
  'Viktor', 'Wanjiru', 'Yara', 'Aiko', 'Bilal', 'Camille', 'Diego', 'Emeka', 'Freya', 'Gustavo', 'Helga',
  'Isaac', 'Julia', 'Kenji', 'Laila', 'Marcus', 'Noor', 'Omar', 'Paula', 'Ravi', 'Sara', 'Theo', 'Ulla',
  'Valentina', 'William', 'Xavier', 'Yasmin', 'Zeynep', 'Adriana', 'Björn', 'Chen', 'Dana', 'Erik', 'Fatima',
];

/** Family names the simulated organisation draws from. */
export const LAST_NAMES: readonly string[] = [
  'Berg', 'Okafor', 'Silva', 'Nakamura', 'Müller', 'Haddad', 'Kowalski', 'Chen', 'Ramírez', 'Johansson',
  'Mensah', 'Patel', 'Rossi', 'Novak', 'Dubois', 'Kim', 'Fischer', 'Moreau', 'Andersen', 'Costa', 'Ivanova',
  'Yilmaz', 'Tanaka', 'Walsh', 'García', 'Schmidt', 'Osei', 'Larsen', 'Mahmoud', 'Santos', 'Kaur', 'Brennan',
  'Lindqvist', 'Popescu', 'Nguyen', 'Adeyemi', 'Romano', 'Horvath', 'Alvarez', 'Sato', 'Murphy', 'Weber',
  'Kariuki', 'Petrov', 'Lopez', 'Bianchi', 'Hansen', 'Ali', 'Moretti', 'Wagner', 'Park', 'Svensson',
  'Boateng', 'Ferreira', 'Kovacs', 'Reyes', 'Hughes', 'Jansen', 'Singh', 'Laurent', 'Eriksson', 'Abebe',
  'Castillo', 'Varga', 'Sharma', 'Ortiz', 'Keller', 'Suzuki', 'Nowak', 'Gallagher', 'Rahman', 'Vogel',
  'Mendes', 'Lund', 'Oyelaran', 'Pereira', 'Hoffmann', 'Marino', 'Dimitrov', 'Takahashi',
];

/** A client organisation outside the simulated company. */
export interface ClientCompany {
  name: string;
  domain: string;
}

/** Client organisations whose contacts the simulated leaders email. */
export const CLIENT_COMPANIES: readonly ClientCompany[] = [
  { name: 'Globex', domain: 'globex.example' },
  { name: 'Initech', domain: 'initech.example' },
  { name: 'Umbrella Health', domain: 'umbrella-health.example' },
  { name: 'Hooli', domain: 'hooli.example' },
  { name: 'Vandelay Industries', domain: 'vandelay.example' },
  { name: 'Soylent Foods', domain: 'soylent.example' },
  { name: 'Stark Logistics', domain: 'stark-logistics.example' },
  { name: 'Wayne Retail', domain: 'wayne-retail.example' },
  { name: 'Tyrell Systems', domain: 'tyrell.example' },
  { name: 'Oceanic Air', domain: 'oceanic-air.example' },
];

/** Mailbox names of client contacts, used as the local part of their email. */
export const CLIENT_ROLES: readonly string[] = [
  'buyer', 'procurement', 'cto', 'it-director', 'operations', 'finance', 'product-lead', 'head-of-data',
];

/** Departments headed by the CEO's direct reports, in order. */
export const DEPARTMENTS: readonly string[] = [
  'Engineering', 'Sales', 'Product', 'Customer Success', 'Marketing', 'Finance', 'Data', 'Design',
  'People', 'Operations',
];

/** Departments whose people work on GitHub every day. */
export const TECH_DEPARTMENTS: ReadonlySet<string> = new Set(['Engineering', 'Product', 'Data', 'Design']);

/** Departments whose people talk to clients. */
export const CLIENT_FACING_DEPARTMENTS: ReadonlySet<string> = new Set(['Sales', 'Customer Success']);

/** Titles of individual contributors per department. */
export const IC_TITLES: Readonly<Record<string, readonly string[]>> = {
  Executive: ['Chief of Staff', 'Executive Assistant'],
  Engineering: [
    'Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'QA Engineer', 'Site Reliability Engineer',
  ],
  Sales: ['Account Executive', 'Sales Development Representative', 'Sales Engineer'],
  Product: ['Product Manager', 'Senior Product Manager', 'Product Analyst'],
  'Customer Success': ['Customer Success Specialist', 'Support Engineer', 'Onboarding Specialist'],
  Marketing: ['Product Marketing Specialist', 'Content Strategist', 'Growth Marketer'],
  Finance: ['Financial Analyst', 'Accountant', 'Payroll Specialist'],
  Data: ['Data Analyst', 'Data Engineer', 'Data Scientist'],
  Design: ['Product Designer', 'UX Researcher', 'Senior Product Designer'],
  People: ['Recruiter', 'People Partner', 'People Operations Specialist'],
  Operations: ['Operations Analyst', 'Business Operations Specialist', 'Procurement Specialist'],
};

/** Names of teams run by managers below the department heads. */
export const TEAM_NAMES: readonly string[] = [
  'Payments', 'Platform', 'Growth', 'Mobile', 'Identity', 'Search', 'Infrastructure', 'Billing', 'Enterprise',
  'Onboarding', 'Insights', 'Partnerships', 'Retention', 'Core', 'Reliability', 'Integrations',
];

/** Repositories per department (without the GitHub organisation). */
export const REPOSITORIES: Readonly<Record<string, readonly string[]>> = {
  Engineering: ['web-app', 'payments-api', 'mobile-app', 'infra', 'auth-service'],
  Product: ['web-app', 'mobile-app', 'handbook'],
  Data: ['data-pipeline', 'analytics-models'],
  Design: ['design-system', 'web-app'],
  other: ['handbook', 'website'],
};

/** Titles of managers below the department heads, per department. */
export const MANAGER_TITLES: Readonly<Record<string, string>> = {
  Executive: 'Chief of Staff',
  Engineering: 'Engineering Manager',
  Sales: 'Sales Manager',
  Product: 'Group Product Manager',
  'Customer Success': 'Customer Success Manager',
  Marketing: 'Marketing Manager',
  Finance: 'Finance Manager',
  Data: 'Data Science Manager',
  Design: 'Design Manager',
  People: 'People Operations Manager',
  Operations: 'Operations Manager',
};
