DROP TABLE company_money;
