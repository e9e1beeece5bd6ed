/** Fixed vocabulary for the demo company: merchants, people and org names. Data only. */
import type { Category } from './model';

export interface MerchantProfile {
  readonly descriptor: string;
  readonly mcc: string;
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  /** Currency the merchant charges in (ISO 4217). */
  readonly currency: string;
  readonly category: Category;
  /** Typical purchase, in major units of `currency`: [min, max]. */
  readonly range: readonly [number, number];
  /** Relative frequency. */
  readonly weight: number;
}

export const MERCHANTS: readonly MerchantProfile[] = [
  m('AMAZON WEB SERVICES', '7399', 'USA', 'USD', 'SERVERS', [120, 9000], 6),
  m('GOOGLE *GSUITE', '7372', 'USA', 'USD', 'RECURRING_SOFTWARE_AND_SAAS', [72, 1800], 4),
  m('SLACK TECHNOLOGIES', '7372', 'USA', 'USD', 'RECURRING_SOFTWARE_AND_SAAS', [80, 2400], 3),
  m('GITHUB, INC.', '7372', 'USA', 'USD', 'RECURRING_SOFTWARE_AND_SAAS', [21, 1500], 3),
  m('ATLASSIAN', '7372', 'AUS', 'USD', 'RECURRING_SOFTWARE_AND_SAAS', [50, 1200], 2),
  m('FIGMA', '7372', 'USA', 'USD', 'RECURRING_SOFTWARE_AND_SAAS', [45, 900], 2),
  m('ZOOM.US', '4814', 'USA', 'USD', 'TELEPHONY', [15, 600], 2),
  m('ADOBE *CREATIVE CLOUD', '5734', 'USA', 'USD', 'SOFTWARE_NON_RECURRING', [55, 900], 2),
  m('DATADOG INC', '7372', 'USA', 'USD', 'SERVERS', [300, 6000], 2),
  m('LINKEDIN ADS', '7311', 'USA', 'USD', 'ADVERTISING_AND_MARKETING', [200, 8000], 2),
  m('FACEBK ADS', '7311', 'IRL', 'USD', 'ADVERTISING_AND_MARKETING', [150, 6000], 2),
  m('UNITED AIRLINES', '3000', 'USA', 'USD', 'AIRLINE_EXPENSES', [180, 1400], 3),
  m('DELTA AIR LINES', '3058', 'USA', 'USD', 'AIRLINE_EXPENSES', [160, 1300], 3),
  m('BRITISH AIRWAYS', '3005', 'GBR', 'GBP', 'AIRLINE_EXPENSES', [120, 1100], 1),
  m('LUFTHANSA', '3008', 'DEU', 'EUR', 'AIRLINE_EXPENSES', [110, 1000], 1),
  m('MARRIOTT HOTELS', '3509', 'USA', 'USD', 'LODGING', [160, 900], 3),
  m('HILTON HOTELS', '3504', 'USA', 'USD', 'LODGING', [140, 800], 2),
  m('PREMIER INN LONDON', '7011', 'GBR', 'GBP', 'LODGING', [80, 300], 1),
  m('HOTEL MONTALEMBERT PARIS', '7011', 'FRA', 'EUR', 'LODGING', [180, 600], 1),
  m('UBER *TRIP', '4121', 'USA', 'USD', 'RIDESHARE_AND_TAXI', [9, 85], 8),
  m('LYFT *RIDE', '4121', 'USA', 'USD', 'RIDESHARE_AND_TAXI', [8, 70], 5),
  m('UBER *TRIP LONDON', '4121', 'GBR', 'GBP', 'RIDESHARE_AND_TAXI', [7, 60], 1),
  m('G7 TAXI PARIS', '4121', 'FRA', 'EUR', 'RIDESHARE_AND_TAXI', [12, 70], 1),
  m('HERTZ RENT-A-CAR', '3357', 'USA', 'USD', 'CAR_RENTAL', [90, 700], 1),
  m('CALTRAIN', '4111', 'USA', 'USD', 'PUBLIC_TRANSPORTATION', [4, 15], 2),
  m('TFL TRAVEL CH', '4111', 'GBR', 'GBP', 'PUBLIC_TRANSPORTATION', [3, 12], 1),
  m('SHELL OIL', '5541', 'USA', 'USD', 'GAS_AND_FUEL', [30, 95], 2),
  m('SP+ PARKING', '7523', 'USA', 'USD', 'PARKING_EXPENSES', [8, 48], 2),
  m('FASTRAK TOLL', '4784', 'USA', 'USD', 'TOLL_AND_BRIDGE_FEES', [7, 25], 1),
  m('SWEETGREEN', '5814', 'USA', 'USD', 'RESTAURANTS', [12, 180], 6),
  m('BLUE BOTTLE COFFEE', '5814', 'USA', 'USD', 'RESTAURANTS', [5, 60], 6),
  m('STARBUCKS', '5814', 'USA', 'USD', 'RESTAURANTS', [4, 45], 6),
  m('NOPA RESTAURANT', '5812', 'USA', 'USD', 'RESTAURANTS', [60, 900], 3),
  m('PRET A MANGER', '5814', 'GBR', 'GBP', 'RESTAURANTS', [5, 40], 2),
  m('DISHOOM SHOREDITCH', '5812', 'GBR', 'GBP', 'RESTAURANTS', [30, 300], 1),
  m('CAFE DE FLORE', '5812', 'FRA', 'EUR', 'RESTAURANTS', [15, 150], 1),
  m('ICHIRAN SHIBUYA', '5812', 'JPN', 'JPY', 'RESTAURANTS', [1200, 9000], 1),
  m('DOORDASH*ORDER', '5812', 'USA', 'USD', 'FOOD_DELIVERY', [18, 400], 4),
  m('EZCATER', '5812', 'USA', 'USD', 'FOOD_DELIVERY', [150, 1800], 2),
  m('THE VIOLET HOUR', '5813', 'USA', 'USD', 'BARS_AND_NIGHTLIFE', [40, 600], 1),
  m('WHOLE FOODS MARKET', '5411', 'USA', 'USD', 'GROCERY', [20, 350], 2),
  m('STAPLES', '5943', 'USA', 'USD', 'OFFICE_SUPPLIES', [15, 400], 2),
  m('AMAZON MKTPLACE PMTS', '5942', 'USA', 'USD', 'GENERAL_MERCHANDISE', [10, 600], 5),
  m('APPLE STORE', '5732', 'USA', 'USD', 'ELECTRONICS', [29, 3500], 1),
  m('BEST BUY', '5732', 'USA', 'USD', 'ELECTRONICS', [20, 1500], 1),
  m('HERMAN MILLER', '5712', 'USA', 'USD', 'FURNITURE', [400, 2400], 1),
  m('FEDEX', '4215', 'USA', 'USD', 'SHIPPING', [12, 240], 2),
  m('UPS STORE', '4215', 'USA', 'USD', 'SHIPPING', [10, 180], 1),
  m('COMCAST BUSINESS', '4900', 'USA', 'USD', 'UTILITIES', [180, 450], 1),
  m('PG&E', '4900', 'USA', 'USD', 'UTILITIES', [250, 1400], 1),
  m('VERIZON WIRELESS', '4814', 'USA', 'USD', 'TELEPHONY', [60, 900], 1),
  m('GOGO INFLIGHT', '4899', 'USA', 'USD', 'TRAVEL_WIFI', [8, 50], 1),
  m('WEWORK', '6513', 'USA', 'USD', 'RENT', [450, 6000], 1),
  m('EVENTBRITE', '7922', 'USA', 'USD', 'EVENT_EXPENSES', [25, 1500], 1),
  m('SAASTR ANNUAL', '7399', 'USA', 'USD', 'CONFERENCES', [600, 2600], 1),
  m('WEB SUMMIT LISBON', '7399', 'PRT', 'EUR', 'CONFERENCES', [400, 1800], 1),
  m('COURSERA', '8299', 'USA', 'USD', 'TRAINING_AND_EDUCATION', [39, 500], 1),
  m('THE NEW YORK TIMES', '5994', 'USA', 'USD', 'BOOKS_AND_NEWSPAPERS', [4, 40], 1),
  m('UPWORK', '7361', 'USA', 'USD', 'CONSULTANT_AND_CONTRACTOR', [150, 5000], 1),
  m('COOLEY LLP', '8111', 'USA', 'USD', 'LEGAL_SERVICES', [1500, 12000], 1),
  m('DELAWARE CORP FILING', '9311', 'USA', 'USD', 'FEES_AND_LICENSES_AND_TAXES', [100, 900], 1),
  m('COSTCO MEMBERSHIP', '5300', 'USA', 'USD', 'MEMBERSHIPS_AND_CLUBS', [60, 120], 1),
  m('1-800-FLOWERS', '5992', 'USA', 'USD', 'FLOWERS', [40, 180], 1),
  m('SHOPIFY* CANADA', '5734', 'CAN', 'CAD', 'DIGITAL_GOODS', [29, 400], 1),
  m('ONE MEDICAL', '8011', 'USA', 'USD', 'MEDICAL', [100, 300], 1),
];

function m(
  descriptor: string,
  mcc: string,
  country: string,
  currency: string,
  category: Category,
  range: readonly [number, number],
  weight: number,
): MerchantProfile {
  return { descriptor, mcc, country, currency, category, range, weight };
}

/** Billing-currency (USD) value of one unit of a currency, and its minor-unit exponent. */
export const CURRENCIES: Readonly<Record<string, { usd: number; exponent: number }>> = {
  USD: { usd: 1, exponent: 2 },
  EUR: { usd: 1.08, exponent: 2 },
  GBP: { usd: 1.27, exponent: 2 },
  CAD: { usd: 0.73, exponent: 2 },
  JPY: { usd: 0.0067, exponent: 0 },
};

export const FIRST_NAMES = [
  'Ava',
  'Liam',
  'Maya',
  'Noah',
  'Priya',
  'Diego',
  'Chloe',
  'Ethan',
  'Sofia',
  'Kenji',
  'Amara',
  'Lucas',
  'Hannah',
  'Omar',
  'Grace',
  'Mateo',
  'Zoe',
  'Samuel',
  'Leila',
  'Owen',
  'Isabel',
  'Arjun',
  'Nora',
  'Felix',
  'Yara',
  'Henry',
  'Mei',
  'Jonah',
  'Elena',
  'Kofi',
] as const;

export const LAST_NAMES = [
  'Nguyen',
  'Patel',
  'Garcia',
  'Kim',
  'Okafor',
  'Schmidt',
  'Rossi',
  'Cohen',
  'Tanaka',
  'Silva',
  'Murphy',
  'Haddad',
  'Larsen',
  'Dubois',
  'Khan',
  'Novak',
  'Reyes',
  'Walsh',
  'Ibrahim',
  'Berg',
] as const;

export const DEPARTMENTS = [
  ['Engineering', 'Product engineering and infrastructure'],
  ['Sales', 'New business and account management'],
  ['Marketing', 'Brand, demand generation and events'],
  ['Finance', 'Accounting, FP&A and procurement'],
  ['Operations', 'Workplace, IT and business operations'],
  ['People', 'Recruiting and people operations'],
  ['Customer Success', 'Onboarding and support'],
] as const;

export const LOCATIONS = [
  ['San Francisco HQ', '500 Howard St, San Francisco, CA'],
  ['New York', '85 Broad St, New York, NY'],
  ['Austin', '600 Congress Ave, Austin, TX'],
  ['London', '1 Finsbury Ave, London'],
  ['Remote', 'Distributed team members'],
] as const;

export const TITLES = [
  'Chief Executive Officer',
  'Chief Financial Officer',
  'VP Engineering',
  'Software Engineer',
  'Senior Software Engineer',
  'Account Executive',
  'Sales Development Representative',
  'Marketing Manager',
  'Controller',
  'Office Manager',
  'Recruiter',
  'Customer Success Manager',
] as const;
