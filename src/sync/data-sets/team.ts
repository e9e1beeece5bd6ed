/** Cards, users, departments and locations, read whole. */
import type { Card, Department, Location, User } from '../../brex';
import { defineDataSet, KEY_HEADER, singlePageSource } from '../data-set';
import { columns } from './columns';
import { personName } from '../person-name';
import { cardHolderId } from './transactions';

export const cards = defineDataSet<Card>({
  id: 'cards',
  title: 'Cards',
  sheetName: 'Brex Cards',
  columns: columns([
    [KEY_HEADER, 'text'],
    ['Card name', 'text'],
    ['Holder', 'text'],
    ['Department', 'text'],
    ['Type', 'text'],
    ['Status', 'text'],
    ['Last four', 'text'],
    ['Limit type', 'text'],
    ['Limit', 'money'],
    ['Available', 'money'],
    ['Currency', 'text'],
    ['Limit period', 'text'],
    ['Spend limit', 'text'],
  ]),
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('cards'))],
  idOf: (c) => c.id,
  row: (c, lookups) => {
    const holderId = cardHolderId(c);
    const controls = c.spend_controls;
    return {
      [KEY_HEADER]: c.id,
      'Card name': c.card_name,
      Holder: lookups.userName(holderId),
      Department: lookups.departmentName(lookups.user(holderId)?.department_id),
      Type: c.card_type,
      Status: c.status,
      'Last four': c.last_four,
      'Limit type': c.limit_type,
      Limit: controls?.spend_limit,
      Available: controls?.spend_available,
      Currency: controls?.spend_limit ? controls.spend_limit.currency || 'USD' : '',
      'Limit period': controls?.spend_duration,
      'Spend limit': lookups.spendLimitName(c.budget_id),
    };
  },
});

export const users = defineDataSet<User>({
  id: 'users',
  title: 'Users',
  sheetName: 'Brex Users',
  columns: columns([
    [KEY_HEADER, 'text'],
    ['Name', 'text'],
    ['Email', 'text'],
    ['Status', 'text'],
    ['Department', 'text'],
    ['Location', 'text'],
    ['Manager', 'text'],
  ]),
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('users'))],
  idOf: (u) => u.id,
  row: (u, lookups) => ({
    [KEY_HEADER]: u.id,
    Name: personName(u),
    Email: u.email,
    Status: u.status,
    Department: lookups.departmentName(u.department_id),
    Location: lookups.locationName(u.location_id),
    Manager: lookups.userName(u.manager_id),
  }),
});

const namedColumns = columns([
  [KEY_HEADER, 'text'],
  ['Name', 'text'],
  ['Description', 'text'],
]);

export const departments = defineDataSet<Department>({
  id: 'departments',
  title: 'Departments',
  sheetName: 'Brex Departments',
  columns: namedColumns,
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('departments'))],
  idOf: (d) => d.id,
  row: (d) => ({ [KEY_HEADER]: d.id, Name: d.name, Description: d.description }),
});

export const locations = defineDataSet<Location>({
  id: 'locations',
  title: 'Locations',
  sheetName: 'Brex Locations',
  columns: namedColumns,
  sources: ({ lookups }) => [singlePageSource('all', () => lookups.read('locations'))],
  idOf: (l) => l.id,
  row: (l) => ({ [KEY_HEADER]: l.id, Name: l.name, Description: l.description }),
});
