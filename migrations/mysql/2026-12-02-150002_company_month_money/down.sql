DROP TABLE company_month_money;
