"""a showroom's photo; a plan's source as people cite it (issue 13)

Reviewed by hand:
- `showrooms.cover_path`: a storage key of the showroom's photo (made by our code, through
  core.uploads like an event cover); NULL shows the site's drawing instead.
- `programme_plans.issuer` and `programme_plans.article_title`: the body that issued a plan
  ("UBND tỉnh Cao Bằng") and the headline of the article it was read from, as
  shared/data/program_targets.json gives them; the plan's number stays in `document`.
  NULL for plans without them (officers' plans may leave them out).

Revision ID: a4d7e2c91b30
Revises: b585717e0bcf
Create Date: 2026-12-02 09:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a4d7e2c91b30'
down_revision = 'b585717e0bcf'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('showrooms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cover_path', sa.String(length=300), nullable=True))
    with op.batch_alter_table('programme_plans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issuer', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('article_title', sa.String(length=300), nullable=True))


def downgrade():
    with op.batch_alter_table('programme_plans', schema=None) as batch_op:
        batch_op.drop_column('article_title')
        batch_op.drop_column('issuer')
    with op.batch_alter_table('showrooms', schema=None) as batch_op:
        batch_op.drop_column('cover_path')
